"""Every page exists in Welsh: each message the templates and page code use has its Welsh, with all six plural
forms, once, and with the same placeholders."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.extract import extract_from_dir

from peel.web.adapters.translations import TRANSLATIONS, catalogues

WEB = TRANSLATIONS.parent
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def used_messages() -> dict[str, str]:
    """{msgid: where} for every message in the templates and in the web service's Python (``N_`` and ``_``)."""
    found: dict[str, str] = {}
    sources = [
        (WEB / "templates", [("**.html", "jinja2.ext:babel_extract")], {"**.html": {"extensions": "jinja2.ext.do"}}),
        (WEB, [("**.py", "python")], {}),
    ]
    for folder, methods, options in sources:
        for filename, line, message, _, _ in extract_from_dir(folder, methods, options,
                                                              keywords={"_": None, "N_": None, "ngettext": (1, 2)}):
            key = message[0] if isinstance(message, tuple) else message
            found.setdefault(key, f"{Path(folder, filename).relative_to(WEB)}:{line}")
    return found


def welsh() -> dict[str, list]:
    """{msgid: [the files giving it]} and each entry, for every Welsh catalogue file."""
    entries: dict[str, list] = {}
    for catalogue in catalogues("cy"):
        for message in catalogue:
            if message.id:
                entries.setdefault(message.id if isinstance(message.id, str) else message.id[0], []).append(message)
    return entries


def test_every_message_has_its_welsh() -> None:
    given = {key for key, messages in welsh().items() if all(_translated(m) for m in messages)}
    missing = {key: where for key, where in used_messages().items() if key not in given}
    assert not missing, "messages without Welsh (add them to translations/cy/<area>.po):\n" + "\n".join(
        f'#: {where}\nmsgid "{key}"\nmsgstr ""\n' for key, where in sorted(missing.items(), key=lambda i: i[1]))


def test_no_message_is_given_twice_or_left_fuzzy() -> None:
    entries = welsh()
    assert not [key for key, messages in entries.items() if len(messages) > 1]
    assert not [key for key, messages in entries.items() if any(m.fuzzy for m in messages)]


def test_welsh_counts_have_all_six_plural_forms() -> None:
    for catalogue in catalogues("cy"):
        assert catalogue.num_plurals == 6, catalogue.plural_forms
        for message in catalogue:
            if message.id and message.pluralizable:
                assert len(message.string) == 6 and all(message.string), message.id


def test_placeholders_survive_translation() -> None:
    for key, messages in welsh().items():
        for message in messages:
            forms = message.string if isinstance(message.string, tuple) else (message.string,)
            for form in forms:
                assert set(PLACEHOLDER.findall(form)) <= set(PLACEHOLDER.findall(key + str(message.id))), key


def test_no_welsh_is_kept_for_messages_no_page_uses() -> None:
    assert not set(welsh()) - set(used_messages())


def _translated(message: object) -> bool:
    string = message.string  # type: ignore[attr-defined]
    return all(string) if isinstance(string, tuple) else bool(string)


def test_trans_blocks_write_their_variables_as_jinja_does() -> None:
    """Inside ``{% trans %}`` a variable is ``{{ count }}``; a literal ``%(count)s`` would be shown as it is,
    and its message never found in the catalogue."""
    blocks = re.compile(r"{%-?\s*trans\b.*?%}(.*?){%-?\s*endtrans\s*-?%}", re.S)
    for template in (WEB / "templates").rglob("*.html"):
        for block in blocks.findall(template.read_text()):
            assert "%(" not in block, f"{template.relative_to(WEB)}: write {{{{ name }}}} in a trans block: {block}"
