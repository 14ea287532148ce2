"""The authors' guide, docs/authoring.md, written from the schema declarations and the CLI itself.

Fields, types, examples, kinds and commands all come from code, so the guide cannot fall behind;
only the prose on ids and mentions is written here.
"""

from __future__ import annotations

import click

from .json_schema import SCHEMA_FILES
from .sanitize import TEXT_TAGS
from .schema import BRIEFING_FIELDS, KIND_DOCS, REGISTRY_KINDS, Field, FieldType
from .yaml_example import example_document, flow

GUIDE_PATH = "docs/authoring.md"

_TYPES: dict[FieldType, str] = {
    "text": "text",
    "date": "date, `YYYY-MM-DD`",
    "datetime": "date, or date and time with its UTC offset (`2016-09-30T14:05:00+02:00`)",
    "lang": "a site language: {locales}",
    "ids": "list of {ref} ids",
    "id": "{ref} id",
    "words": "list of single words",
    "localized": "language → text",
    "localized-words": "language → list of texts",
    "number": "number written with digits: `3800`, `3.5`",
    "coordinates": "`[latitude, longitude]`, decimal degrees",
    "url": "`http://` or `https://` address",
    "kind": "one of the kinds below",
    "wikidata": "Wikidata item id: `Q` and digits",
    "records": "list of entries, fields below",
}

_IDS = """\
## Ids, slugs and file names

- An actor's or place's **id** is its file name without `.yml`: `content/actors/who.yml` is `who`.
- A briefing's **slug** is its file name up to the language: `2016-09-30-alep-offensive.fr.md` is
  the slug `2016-09-30-alep-offensive` in French. The same slug in another language is its
  translation. `briefing new` starts slugs with the day's date.
- Ids and slugs are lowercase ASCII letters and digits, in words joined by single hyphens
  (`syrian-government`, not `Syrian_Government` or `syrian--government`). Two ids or slugs that
  differ only by case or Unicode form are refused.
- Every id a file names — in `actors`, `places`, `within`, a figure's `source`, an event — must
  exist in the registry; `briefing check` suggests the closest id when it does not.
"""

_MENTIONS = """\
## Mentions

You need not list every actor and place in the front matter: the generator finds them in the text.

- Actors and places are found by their `name` and `aliases` in the briefing's language (then in the
  other languages), whatever the case, accents on capitals (`Etat` for `État`), apostrophes (`’`
  or `'`) and elided articles (`l’OMS`, `d’Alep`). The longest name wins: `Front al-Nosra` before
  `Nosra`. Text in code, in URLs and inside links is left alone.
- Dates written in the briefing's language — `vendredi 30 septembre`, `le 1er octobre 2016`,
  `September 30`, `on Thursday`, Arabic month names and digits — become calendar days, counted
  from the publication date: a weekday alone is the latest such day on or before it.
- The first mention of each actor or place links to its page. `briefing annotate FILE` prints
  every mention found, to check what the generator understood.
- List in the front matter what the text does not name, or names in a way no alias covers.
"""

_MARKUP = """\
## The body: Markdown, and some HTML

The body is Markdown, with attribute lists (`{{: .class lang="ar" dir="rtl" }}`), admonitions
(`!!! note`) and tables. Inline HTML is allowed, and passes through the same allow-list as every
page (nh3): these elements are kept — {tags} — with the attributes `lang`, `dir`, `class`, `id`,
`title` (and `href` on links, `datetime` on `<time>`, `src` and `alt` on images, …).

Everything else is removed before the page is written, whatever writes it: `<script>`, `<style>`,
frames, forms, event-handler attributes (`onclick=`…), links and images to `javascript:`, `data:`
or `vbscript:` addresses, and images from other hosts (the site loads nothing from elsewhere:
link to such an image instead). The text inside a removed element stays.
Titles, summaries, names and every other front matter field are plain text: `<b>` in a title is
shown as written. Nothing is a template: `{{{{ … }}}}` and `{{% … %}}` are shown as written.
"""

_EDITORS = """\
## Editor support

`schemas/` holds a JSON Schema (draft 2020-12) for briefing front matter and for each registry
kind. Files made by `briefing new` start with a line that editors using yaml-language-server
(VS Code's YAML extension, Neovim, Helix, Zed…) read to complete and check fields as you type:

```yaml
# yaml-language-server: $schema=../../schemas/{briefing}
```

A schema knows the shape of each file, not the registry: only `briefing check` finds an unknown id
or a loop in `within`. `briefing schema --write` regenerates the schemas and this guide.
"""


def _type(field: Field, locales: tuple[str, ...]) -> str:
    return _TYPES[field.type].format(ref=field.ref, locales=", ".join(f"`{t}`" for t in locales))


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _table(fields: tuple[Field, ...], locales: tuple[str, ...]) -> list[str]:
    rows = ["| field | type | required | what it is | example |", "| --- | --- | --- | --- | --- |"]
    for field in fields:
        example = "" if field.example is None or field.type == "records" else flow(field.example)
        rows.append(
            f"| `{field.name}` | {_cell(_type(field, locales))} | "
            f"{'yes' if field.required else 'no'} | {_cell(field.doc)} | "
            + (f"`{_cell(example)}` |" if example else " |")
        )
    return rows


def _briefing_section(locales: tuple[str, ...]) -> list[str]:
    lines = [
        "## A briefing",
        "",
        "`content/briefings/<slug>.<lang>.md`: YAML front matter between two `---` lines, then the",
        "text in Markdown.",
        "",
        "```markdown",
        "---",
        example_document(BRIEFING_FIELDS).rstrip("\n"),
        "---",
        "The text, in Markdown…",
        "```",
        "",
        *_table(BRIEFING_FIELDS, locales),
    ]
    for field in BRIEFING_FIELDS:
        if field.type == "records":
            lines += ["", f"### Each entry of `{field.name}`", "", *_table(field.fields, locales)]
    return lines


def _registry_section(locales: tuple[str, ...]) -> list[str]:
    lines = ["## The registry: actors and places"]
    for kind, fields in REGISTRY_KINDS.items():
        lines += [
            "",
            f"### {kind.capitalize()}s: `content/{kind}s/<id>.yml`",
            "",
            "```yaml",
            example_document(fields).rstrip("\n"),
            "```",
            "",
            *_table(fields, locales),
            "",
            f"Kinds of {kind}:",
            "",
        ]
        choices = next(f.choices for f in fields if f.type == "kind")
        lines += [f"- `{choice}`: {KIND_DOCS[choice]}" for choice in choices]
    return lines


def _commands_section(group: click.Group) -> list[str]:
    lines = [
        "## Commands",
        "",
        "Exit codes: 0 when all is well, 1 for errors in the content (or warnings under",
        "`--strict`), 2 for a mistake in the command itself.",
    ]
    context = click.Context(group, info_name="briefing")
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        if command is None or command.hidden:
            continue
        sub = click.Context(command, info_name=name, parent=context)
        usage = " ".join(["briefing", name, *command.collect_usage_pieces(sub)])
        lines += ["", f"### `briefing {name}`", "", f"`{usage}`", ""]
        lines.append(command.get_short_help_str(limit=300))
        options = [
            record
            for param in command.get_params(sub)
            if isinstance(param, click.Option) and "--help" not in param.opts
            if (record := param.get_help_record(sub)) is not None
        ]
        if options:
            lines.append("")
            lines += [f"- `{opts}`: {' '.join(text.split())}" for opts, text in options]
        examples = [
            line.strip().removeprefix("Example: ")
            for line in (command.help or "").splitlines()
            if line.strip().startswith(("Example: ", "briefing "))
        ]
        if examples:
            lines += ["", "```sh", *examples, "```"]
    return lines


def authoring_guide(locales: tuple[str, ...], commands: click.Group) -> str:
    """The whole guide, as Markdown, for a site with these locales."""
    lines = [
        "# Writing briefings: the authors' guide",
        "",
        "<!-- Generated from generator/schema.py and the briefing command by"
        " `briefing schema --write`: edit those, not this file. -->",
        "",
        "Authors write Markdown briefings and a small registry of actors and places under",
        "`content/`. `briefing check` reports every problem at once, one line each, as",
        "`path:line:col: error[code]: message`.",
        "",
        "```",
        "content/",
        "  briefings/2016-09-30-alep-offensive.fr.md   # <slug>.<lang>.md",
        "  briefings/2016-09-30-alep-offensive.en.md   # same slug, other language: a translation",
        "  actors/who.yml                              # <id>.yml",
        "  places/aleppo.yml",
        "```",
        "",
        _IDS,
        *_briefing_section(locales),
        "",
        *_registry_section(locales),
        "",
        _MENTIONS,
        _MARKUP.format(tags=", ".join(f"`<{tag}>`" for tag in sorted(TEXT_TAGS))),
        _EDITORS.replace("{briefing}", SCHEMA_FILES["briefing"]),
        *_commands_section(commands),
    ]
    return "\n".join(lines).rstrip("\n") + "\n"
