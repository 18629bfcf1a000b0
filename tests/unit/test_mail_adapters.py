import smtplib
import uuid
from email import policy
from email.parser import BytesParser

import pytest

from peel.notifications.messages.adapters.email import MailFolder, compose
from peel.notifications.messages.adapters.smtp import failure_for
from peel.notifications.messages.domain.messages import Email

EMAIL = Email(uuid.uuid4(), "resident@example.org", "Your response / Eich ymateb", "Diolch. Tynnu'n ôl.\n")


@pytest.mark.parametrize(("error", "permanent", "says"), [
    (smtplib.SMTPRecipientsRefused({"resident@example.org": (550, b"5.1.1 resident@example.org unknown")}), True,
     "refused the recipient (550)"),
    (smtplib.SMTPRecipientsRefused({"resident@example.org": (452, b"mailbox full")}), False, "(452)"),
    (smtplib.SMTPDataError(554, b"5.7.1 rejected as spam"), True, "refused the message (554)"),
    (smtplib.SMTPDataError(451, b"try later"), False, "refused the message (451)"),
    (smtplib.SMTPAuthenticationError(535, b"bad credentials"), False, "our connection or sender (535)"),
    (smtplib.SMTPSenderRefused(553, b"no", "peel@example.org"), False, "(553)"),
    (smtplib.SMTPServerDisconnected("gone"), False, "could not be reached (SMTPServerDisconnected)"),
    (ConnectionRefusedError(), False, "could not be reached (ConnectionRefusedError)"),
    (TimeoutError(), False, "could not be reached"),
])
def test_smtp_replies_decide_whether_to_try_again(error, permanent, says):
    failure = failure_for(error)
    assert failure.permanent is permanent and says in str(failure)
    assert "resident" not in str(failure)


def test_an_email_is_utf8_quoted_printable_with_both_languages():
    raw = bytes(compose(EMAIL, "Peel <no-reply@peel.localhost>"))
    assert raw.isascii()
    parsed = BytesParser(policy=policy.default).parsebytes(raw)
    assert (parsed["To"], parsed["Subject"], parsed["Content-Language"]) == (
        "resident@example.org", "Your response / Eich ymateb", "en, cy")
    assert parsed.get_content() == EMAIL.body


async def test_without_a_mail_server_each_email_is_an_eml_file(tmp_path):
    folder = MailFolder(tmp_path / "mail", "Peel <no-reply@peel.localhost>")
    await folder.send(EMAIL)
    [written] = (tmp_path / "mail").iterdir()
    assert written.name == f"{EMAIL.message_id.hex}.eml"
    assert BytesParser(policy=policy.default).parsebytes(written.read_bytes()).get_content() == EMAIL.body


async def test_an_unwritable_mail_folder_is_a_temporary_failure(tmp_path):
    (tmp_path / "taken").write_text("a file, not a folder")
    with pytest.raises(Exception) as failed:
        await MailFolder(tmp_path / "taken", "peel@example.org").send(EMAIL)
    assert not failed.value.permanent and "could not be written" in str(failed.value)
