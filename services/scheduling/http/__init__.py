"""What every scheduling sub-domain's HTTP routes share: access rules, the clock, the tenant, common fields."""
