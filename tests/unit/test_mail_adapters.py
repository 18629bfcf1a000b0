import uuid
from datetime import UTC, datetime
from email import policy
from email.parser import BytesParser

import aiosmtplib
import pytest

from peel.common.retries import ProviderUnavailable
from peel.notifications.contacts.domain.consents import Channel
from peel.notifications.messages.adapters.email import MailFolder, mime
from peel.notifications.messages.adapters.smtp import failure_for
from peel.notifications.messages.domain.outgoing import Content, Outgoing

SENDER = "Peel <no-reply@peel.localhost>"
UNSUBSCRIBE = (("List-Unsubscribe", "<https://pages.example/en/t/unsubscribe/abc>"),
               ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"))
TEXT_ONLY = Outgoing(uuid.uuid4(), Channel.EMAIL, "resident@example.org",
                     Content("Your response / Eich ymateb", "Diolch. Tynnu'n ôl.\n", None, "en, cy"))
WELSH = Outgoing(uuid.uuid4(), Channel.EMAIL, "preswylydd@example.org",
                 Content("Cyfarfod cyhoeddus: ŵyl yr haf — neuadd y dref, nos Iau am saith o'r gloch",
                         "Annwyl breswylydd,\n.Llinell yn dechrau gyda dot\nDiolch.",
                         '<p lang="cy">Annwyl breswylydd, <b>ŵyl</b></p>', "cy"), UNSUBSCRIBE)


def parsed(raw: bytes):
    return BytesParser(policy=policy.default).parsebytes(raw)


MESSAGE, TRY_AGAIN, SERVER = "message", "try again", "server"  # refused for good; worth another attempt; outage


@pytest.mark.parametrize(("error", "whose", "says"), [
    (aiosmtplib.SMTPRecipientsRefused([aiosmtplib.SMTPRecipientRefused(550, "5.1.1 resident@example.org unknown",
                                                                        "resident@example.org")]), MESSAGE,
     "refused the recipient (550)"),
    (aiosmtplib.SMTPRecipientsRefused([aiosmtplib.SMTPRecipientRefused(452, "mailbox full", "resident@example.org")]),
     TRY_AGAIN, "(452)"),
    (aiosmtplib.SMTPRecipientsRefused([aiosmtplib.SMTPRecipientRefused(421, "closing", "resident@example.org")]),
     SERVER, "not available (421)"),
    (aiosmtplib.SMTPDataError(554, "5.7.1 rejected as spam"), MESSAGE, "refused the message (554)"),
    (aiosmtplib.SMTPDataError(451, "try later"), TRY_AGAIN, "refused the message (451)"),
    (aiosmtplib.SMTPResponseException(421, "service not available"), SERVER, "not available (421)"),
    (aiosmtplib.SMTPAuthenticationError(535, "bad credentials"), SERVER, "our connection or sender (535)"),
    (aiosmtplib.SMTPSenderRefused(553, "no", "peel@example.org"), SERVER, "(553)"),
    (aiosmtplib.SMTPServerDisconnected("gone"), SERVER, "could not be reached (SMTPServerDisconnected)"),
    (aiosmtplib.SMTPConnectError("refused"), SERVER, "could not be reached (SMTPConnectError)"),
    (ConnectionRefusedError(), SERVER, "could not be reached (ConnectionRefusedError)"),
    (ConnectionResetError(), SERVER, "could not be reached (ConnectionResetError)"),
    (aiosmtplib.SMTPTimeoutError("slow"), SERVER, "could not be reached"),
])
def test_smtp_replies_decide_whether_to_try_again_and_whose_fault_it_is(error, whose, says):
    failure = failure_for(error)
    assert failure.permanent is (whose == MESSAGE) and says in str(failure)
    assert isinstance(failure, ProviderUnavailable) is (whose == SERVER)
    assert "resident" not in str(failure)


def test_a_text_email_is_ascii_quoted_printable_with_its_languages():
    raw = mime(TEXT_ONLY, SENDER)
    assert raw.isascii() and b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    message = parsed(raw)
    assert (message["To"], message["Subject"], message["Content-Language"]) == (
        "resident@example.org", "Your response / Eich ymateb", "en, cy")
    assert message["Message-ID"] == f"<{TEXT_ONLY.message_id}@peel.notifications>"
    assert message.get_content_type() == "text/plain"
    assert message.get_content().rstrip("\n") == "Diolch. Tynnu'n ôl."
    assert "List-Unsubscribe" not in message


def test_a_welsh_subject_is_rfc2047_encoded_and_reads_back():
    raw = mime(WELSH, "Swyddfa'r Comisiynydd <no-reply@peel.localhost>")
    subject_line = raw.split(b"\r\nSubject: ")[1].split(b"\r\nDate:")[0]
    assert subject_line.startswith(b"=?utf-8?") and all(len(line) <= 78 for line in subject_line.split(b"\r\n"))
    assert parsed(raw)["Subject"] == WELSH.content.subject


def test_html_and_text_go_as_alternatives_with_the_unsubscribe_headers():
    message = parsed(mime(WELSH, SENDER, datetime(2026, 5, 1, 9, tzinfo=UTC)))
    assert message.get_content_type() == "multipart/alternative"
    assert message["List-Unsubscribe"] == "<https://pages.example/en/t/unsubscribe/abc>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert (message["Content-Language"], message["Date"]) == ("cy", "Fri, 01 May 2026 09:00:00 +0000")
    assert message.get_body(("plain",)).get_content().splitlines() == WELSH.content.text.splitlines()
    assert message.get_body(("html",)).get_content().strip() == WELSH.content.html


def test_a_line_break_in_a_header_value_cannot_add_a_header():
    sneaky = Outgoing(uuid.uuid4(), Channel.EMAIL, "a@example.org\r\nBcc: b@example.org",
                      Content("Hello\r\nBcc: c@example.org", "text"))
    message = parsed(mime(sneaky, SENDER))
    assert "Bcc" not in message and message["Subject"] == "Hello Bcc: c@example.org"


async def test_without_a_mail_server_each_email_is_an_eml_file_with_its_headers(tmp_path):
    folder = MailFolder(tmp_path / "mail", SENDER)
    handover = await folder.send(WELSH)
    [written] = (tmp_path / "mail").iterdir()
    assert written.name == f"{WELSH.message_id.hex}.eml" and handover.provider == "mail-folder"
    message = parsed(written.read_bytes())
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.get_body(("html",)).get_content().strip() == WELSH.content.html


async def test_an_unwritable_mail_folder_is_an_outage(tmp_path):
    (tmp_path / "taken").write_text("a file, not a folder")
    with pytest.raises(Exception) as failed:
        await MailFolder(tmp_path / "taken", "peel@example.org").send(TEXT_ONLY)
    assert isinstance(failed.value, ProviderUnavailable) and "could not be written" in str(failed.value)
