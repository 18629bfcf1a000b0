"""The HTML part of an email: a simple accessible page made with Jinja2 (autoescaped), ``lang`` on the page and
on each language's block, side by side as a two-column table that stacks on small screens."""

from __future__ import annotations

import jinja2

from peel.notifications.templates.domain.rendering import Document

PAGE = """<!DOCTYPE html>
<html lang="{{ document.language }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ document.parts[0].subject }}</title>
<style>
body { margin: 0; padding: 0; font-family: Arial, Helvetica, sans-serif; font-size: 16px; line-height: 1.5;
       color: #0b0c0c; background: #ffffff; }
.part { padding: 16px; font-size: 19px; }
h2 { font-size: 24px; margin: 0 0 16px; }
@media only screen and (max-width: 600px) { .column { display: block !important; width: 100% !important; } }
</style>
</head>
<body>
{%- if document.side_by_side %}
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0"><tr>
{%- for part in document.parts %}
<td class="column" width="50%" valign="top">{{ block(part) }}</td>
{%- endfor %}
</tr></table>
{%- else %}
{%- for part in document.parts %}
{%- if not loop.first %}
<hr>
{%- endif %}
{{ block(part) }}
{%- endfor %}
{%- endif %}
</body>
</html>
"""
BLOCK = """{% macro block(part) -%}
<div class="part" lang="{{ part.language }}">
{%- if part.subject %}
<h2>{{ part.subject }}</h2>
{%- endif %}
{%- for paragraph in part.paragraphs() %}
{%- if paragraph.bullets %}
<ul>{% for line in paragraph.lines %}<li>{{ line | urlize }}</li>{% endfor %}</ul>
{%- else %}
<p>{% for line in paragraph.lines %}{{ line | urlize }}{% if not loop.last %}<br>{% endif %}{% endfor %}</p>
{%- endif %}
{%- endfor %}
</div>
{%- endmacro %}"""

_ENVIRONMENT = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=False)
_PAGE = _ENVIRONMENT.from_string(BLOCK + PAGE)


def render_html(document: Document) -> str:
    return _PAGE.render(document=document)
