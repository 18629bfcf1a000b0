-- depends: 0212.scheduling.member_replies
-- A registrant's personal data erased on request: no name, contact or address (the household it made),
-- erased_at set; the features, status, reply and selection facts stay, as the stored distributions
-- refer to registrants by id. Until erased, a registrant still needs a name and an address.
ALTER TABLE assembly_registrants ADD COLUMN erased_at timestamptz;
ALTER TABLE assembly_registrants ALTER COLUMN name DROP NOT NULL,
                                 ALTER COLUMN address_line DROP NOT NULL,
                                 ALTER COLUMN postcode DROP NOT NULL;
ALTER TABLE assembly_registrants ADD CONSTRAINT assembly_registrants_named
    CHECK (erased_at IS NOT NULL OR (name IS NOT NULL AND address_line IS NOT NULL AND postcode IS NOT NULL));
