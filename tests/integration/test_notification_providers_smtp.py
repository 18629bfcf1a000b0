"""The SMTP provider against a real mail server on 127.0.0.1: pooled sessions, refusals, dropped connections."""

import asyncio
import uuid
from email import policy
from email.parser import BytesParser

import pytest

from peel.common.retries import PermanentFailure, TemporaryFailure
from peel.notifications.contacts.domain.consents import Channel
from peel.notifications.messages.adapters.smtp import SmtpPool, SmtpServer
from peel.notifications.messages.domain.outgoing import Content, Outgoing
from tests.support.smtp import smtp_server

SENDER = "Swyddfa'r Comisiynydd <no-reply@peel.localhost>"
HEADERS = (("List-Unsubscribe", "<https://pages.example/en/t/unsubscribe/abc>"),
           ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"))


def email(to: str = "resident@example.org") -> Outgoing:
    return Outgoing(uuid.uuid4(), Channel.EMAIL, to, Content("Newyddion yr ŵyl", "Helo.\n.dot\n", "<p>Helo</p>", "cy"),
                    HEADERS)


def pool_for(port: int, sessions: int = 2) -> SmtpPool:
    return SmtpPool(SmtpServer("127.0.0.1", port, SENDER, timeout_seconds=10, sessions=sessions))


async def test_many_messages_go_over_a_few_long_lived_sessions():
    with smtp_server() as server:
        pool = pool_for(server.port, sessions=3)
        sent = [email(f"resident{n}@example.org") for n in range(40)]
        handovers = await asyncio.gather(*(pool.send(outgoing) for outgoing in sent))
        await pool.close()
        recorder = server.handler
        assert {handover.provider for handover in handovers} == {"smtp"}
        assert len(recorder.received) == 40 and recorder.connections <= 3 and recorder.quits == recorder.connections
        message = BytesParser(policy=policy.default).parsebytes(recorder.received[0])
        assert message["Subject"] == "Newyddion yr ŵyl" and message["List-Unsubscribe-Post"] == (
            "List-Unsubscribe=One-Click")
        assert message.get_body(("plain",)).get_content().splitlines() == ["Helo.", ".dot"]


async def test_a_refused_recipient_is_permanent_and_the_session_goes_on():
    with smtp_server() as server:
        server.handler.refused_recipients["gone@example.org"] = "550 5.1.1 gone@example.org: no such user"
        pool = pool_for(server.port, sessions=1)
        with pytest.raises(PermanentFailure, match="refused the recipient \\(550\\)") as failed:
            await pool.send(email("gone@example.org"))
        assert "gone@" not in str(failed.value)
        await pool.send(email())
        await pool.close()
        assert len(server.handler.received) == 1 and server.handler.connections == 1


async def test_a_451_is_temporary():
    with smtp_server() as server:
        server.handler.replies_to_data.append("451 4.3.0 Try again later")
        pool = pool_for(server.port, sessions=1)
        with pytest.raises(TemporaryFailure, match="refused the message \\(451\\)"):
            await pool.send(email())
        await pool.send(email())
        await pool.close()
        assert len(server.handler.received) == 1


async def test_a_dropped_connection_is_opened_again():
    with smtp_server() as server:
        pool = pool_for(server.port, sessions=1)
        await pool.send(email())
        server.drop_connections()
        await pool.send(email())
        await pool.close()
        assert len(server.handler.received) == 2 and server.handler.connections == 2


async def test_no_server_is_a_temporary_failure():
    with smtp_server() as server:
        port = server.port
    pool = pool_for(port, sessions=1)
    with pytest.raises(TemporaryFailure, match="could not be reached"):
        await pool.send(email())
    await pool.close()
