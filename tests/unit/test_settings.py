import pytest
from pydantic import ValidationError

from peel.consultation.settings import ConsultationSettings
from peel.reporting.settings import ReportingSettings


def test_defaults_give_each_service_its_port_and_database(monkeypatch):
    for name in ("PEEL_PG_PORT", "PEEL_PG_HOST", "PEEL_CONSULTATION_PORT", "PEEL_REPORTING_PORT", "PEEL_ENVIRONMENT",
                 "PEEL_KAFKA_TOPIC_PREFIX", "PEEL_CONSULTATION_DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    consultation, reporting = ConsultationSettings(), ReportingSettings()
    assert (consultation.port, reporting.port) == (8101, 8104)
    assert consultation.dsn.endswith("@127.0.0.1:55432/peel_consultation")
    assert consultation.topic() == "consultation.events"
    assert reporting.topic("consultation") == "consultation.events"


def test_shared_and_per_service_variables_override(monkeypatch):
    monkeypatch.delenv("PEEL_PG_PORT", raising=False)
    monkeypatch.setenv("PEEL_KAFKA_BOOTSTRAP", "kafka.internal:9094")
    monkeypatch.setenv("PEEL_PG_HOST", "db.internal")
    monkeypatch.setenv("PEEL_PG_PASSWORD", "p@ss/word")
    monkeypatch.setenv("PEEL_CONSULTATION_PORT", "9001")
    monkeypatch.setenv("PEEL_KAFKA_TOPIC_PREFIX", "staging.")
    settings = ConsultationSettings()
    assert settings.kafka_bootstrap == "kafka.internal:9094"
    assert settings.port == 9001
    assert settings.dsn == "postgresql://peel:p%40ss%2Fword@db.internal:55432/peel_consultation"
    assert settings.topic() == "staging.consultation.events"
    assert ReportingSettings().port == 8104


def test_a_full_database_url_wins(monkeypatch):
    monkeypatch.setenv("PEEL_CONSULTATION_DATABASE_URL", "postgresql://u:p@managed:5432/consult")
    assert ConsultationSettings().dsn == "postgresql://u:p@managed:5432/consult"


@pytest.mark.parametrize("environment", ["staging", "production"])
def test_outside_development_placeholder_secrets_are_refused(monkeypatch, environment):
    monkeypatch.setenv("PEEL_ENVIRONMENT", environment)
    monkeypatch.setenv("PEEL_AUTH_JWKS_URL", "https://login.example.police.uk/jwks")
    monkeypatch.setenv("PEEL_PG_PASSWORD", "peel")
    with pytest.raises(ValidationError, match="PEEL_PG_PASSWORD is a placeholder"):
        ConsultationSettings()
    monkeypatch.setenv("PEEL_PG_PASSWORD", "a-real-secret-from-the-vault")
    assert ConsultationSettings().environment == environment


def test_production_needs_a_jwks_url(monkeypatch):
    monkeypatch.setenv("PEEL_ENVIRONMENT", "production")
    monkeypatch.setenv("PEEL_PG_PASSWORD", "a-real-secret-from-the-vault")
    monkeypatch.delenv("PEEL_AUTH_JWKS_URL", raising=False)
    with pytest.raises(ValidationError, match="PEEL_AUTH_JWKS_URL is required"):
        ConsultationSettings()


def test_invalid_values_are_refused_at_start_up(monkeypatch):
    monkeypatch.setenv("PEEL_CONSULTATION_PORT", "not-a-port")
    with pytest.raises(ValidationError, match="port"):
        ConsultationSettings()
    monkeypatch.setenv("PEEL_CONSULTATION_PORT", "8101")
    monkeypatch.setenv("PEEL_OTEL_EXPORTER", "carrier-pigeon")
    with pytest.raises(ValidationError, match="PEEL_OTEL_EXPORTER"):
        ConsultationSettings()
