"""The questionnaire format: constructs, scales, sections and items (see docs/formats.md)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cached_property
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from diagnose.text import LocalizedText

if TYPE_CHECKING:
    from diagnose.scoring import ScaleLayout

ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")


def _check_id(value: str) -> str:
    if not ID_PATTERN.match(value) or "__" in value:
        raise ValueError(
            f"'{value}' is not a valid id: use lower-case letters, digits and single underscores, starting with a letter"
        )
    return value


Id = Annotated[str, AfterValidator(_check_id)]
ChartKind = Literal["radar", "bars", "none"]
ConstructKind = Literal["score", "position", "fact"]
ItemType = Literal["scale", "single", "multi", "number", "text"]
AskedOf = Literal["respondents", "coordinator"]
DONT_KNOW = "dk"  # "weet ik niet": an answer, counted in the construct's unknown share, never in a mean
NOT_APPLICABLE = "na"  # "niet van toepassing": an answer, left out of the mean and of the unknown share


def version_key(version: str) -> tuple[tuple[int, str], ...]:
    """Orders versions as people read them: "1.10" after "1.9", "2.0" after both."""
    return tuple((int(part), "") if part.isdigit() else (-1, part) for part in re.split(r"[.\-]", version))


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ConstructGroup(Strict):
    """A group of constructs: its names and the chart that shows it, declared once for every layer."""

    id: Id
    label: LocalizedText  # short, e.g. on a button
    title: LocalizedText  # the heading of its chart and of its table in the report
    chart: ChartKind
    trend: bool = False  # offered in the chart of scores over rounds


class Construct(Strict):
    id: Id
    group: Id  # one of the catalogue's groups (checked by questionnaire_checks.check_constructs)
    kind: ConstructKind
    label: LocalizedText
    description: LocalizedText | None = None
    source: str = Field(min_length=1)


class ConstructCatalogue(Strict):
    groups: list[ConstructGroup] = Field(min_length=1)
    constructs: list[Construct] = Field(min_length=1)

    @cached_property
    def group_by_id(self) -> dict[str, ConstructGroup]:
        return {g.id: g for g in self.groups}

    @property
    def trend_groups(self) -> list[str]:
        """The groups the chart of scores over rounds offers, the first one first."""
        return [g.id for g in self.groups if g.trend]

    @cached_property
    def by_id(self) -> dict[str, Construct]:
        return {c.id: c for c in self.constructs}


class ScalePoint(Strict):
    value: int
    label: LocalizedText


class Scale(Strict):
    points: list[ScalePoint]
    dont_know: LocalizedText | None = None  # answer code "dk"
    not_applicable: LocalizedText | None = None  # answer code "na"

    @property
    def missing_codes(self) -> list[str]:
        """The answer codes besides the points this scale offers, in the order they are shown."""
        return [
            code
            for code, label in ((DONT_KNOW, self.dont_know), (NOT_APPLICABLE, self.not_applicable))
            if label
        ]


class Option(Strict):
    value: str = Field(min_length=1)
    label: LocalizedText
    # other words a file may give for this option on import, beside its code and its labels'
    # names (e.g. "pabo" for a teacher educator, "gemeente" for a municipality)
    names: list[str] = Field(default_factory=list)


class Item(Strict):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    id: Id
    # `construct` would shadow pydantic's BaseModel.construct
    construct_id: Id = Field(alias="construct")
    type: ItemType
    text: LocalizedText
    help: LocalizedText | None = None
    required: bool = False
    source: str = Field(min_length=1)
    scale: str | None = None
    reverse: bool = False
    options: list[Option] | None = None
    min: float | None = None
    max: float | None = None
    max_length: int | None = Field(default=None, gt=0)
    # shown only to respondents whose role (the answer to the role item) is one of these values
    roles: list[str] | None = Field(default=None, min_length=1)

    @cached_property
    def option_values(self) -> list[str]:
        return [o.value for o in self.options or []]

    def option_label(self, value: str) -> LocalizedText | None:
        for option in self.options or []:
            if option.value == value:
                return option.label
        return None


class Section(Strict):
    id: Id
    title: LocalizedText
    intro: LocalizedText | None = None
    # "coordinator": the network's profile, asked once of the coordinator, never of respondents
    asked_of: AskedOf = "respondents"
    roles: list[str] | None = Field(default=None, min_length=1)  # as Item.roles, for every item in it
    items: list[Item] = Field(min_length=1)


class Comparison(Strict):
    """How this version relates to an earlier version of the same questionnaire: the constructs
    whose scores may be compared across the two; everything else is not comparable."""

    version: str = Field(min_length=1)
    # construct measured in this version → the construct of that version it may be compared with
    constructs: dict[Id, Id] = Field(min_length=1)
    note: LocalizedText | None = None  # one sentence on what changed, shown with the trend


class Questionnaire(Strict):
    id: Id
    version: str = Field(min_length=1)
    languages: list[Literal["nl", "en"]]
    title: LocalizedText
    intro: LocalizedText | None = None
    scales: dict[str, Scale] = Field(default_factory=dict)
    sections: list[Section] = Field(min_length=1)
    comparable: list[Comparison] = Field(default_factory=list)

    def items(self) -> Iterator[Item]:
        for section in self.sections:
            yield from section.items

    def respondent_sections(self) -> list[Section]:
        """The sections respondents answer (the coordinator's profile section is not among them)."""
        return [s for s in self.sections if s.asked_of == "respondents"]

    def coordinator_items(self) -> list[Item]:
        """The network's profile: the items asked once of the coordinator."""
        return [item for s in self.sections if s.asked_of == "coordinator" for item in s.items]

    @cached_property
    def roles_of(self) -> dict[str, frozenset[str] | None]:
        """item id → the roles it is shown to (an item's own roles, else its section's; None: all)."""
        shown: dict[str, frozenset[str] | None] = {}
        for section in self.sections:
            for item in section.items:
                roles = item.roles or section.roles
                shown[item.id] = frozenset(roles) if roles else None
        return shown

    def shown_to(self, item: Item, role: str | None) -> bool:
        """Whether a respondent in this role is asked the item (no role yet: only unrestricted items)."""
        roles = self.roles_of.get(item.id)
        return roles is None or (role is not None and role in roles)

    def asked(self, role: str | None) -> list[tuple[Section, list[Item]]]:
        """What a respondent in this role is asked, page by page: the respondents' sections with
        the items shown to the role; a section with none of them is left out. Decided here for the
        form, the store's check of required answers and the tests alike."""
        pages = []
        for section in self.respondent_sections():
            items = [item for item in section.items if self.shown_to(item, role)]
            if items:
                pages.append((section, items))
        return pages

    def comparison_with(self, version: str) -> Comparison | None:
        return next((c for c in self.comparable if c.version == version), None)

    @cached_property
    def item_by_id(self) -> dict[str, Item]:
        return {item.id: item for item in self.items()}

    @cached_property
    def items_by_construct(self) -> dict[str, list[Item]]:
        grouped: dict[str, list[Item]] = {}
        for item in self.items():
            grouped.setdefault(item.construct_id, []).append(item)
        return grouped

    @cached_property
    def scale_index(self) -> dict[str, tuple[str, bool]]:
        """item id → (construct, reverse) for scale items: the scoring's hot path."""
        return {item.id: (item.construct_id, item.reverse) for item in self.items() if item.type == "scale"}

    @cached_property
    def scale_layout(self) -> ScaleLayout:
        """The scale items as matrix columns, for scoring (built once per questionnaire)."""
        from diagnose.scoring import ScaleLayout

        return ScaleLayout(self)

    def fact_item(self, construct_id: str) -> Item | None:
        items = self.items_by_construct.get(construct_id)
        return items[0] if items else None

    @property
    def ref(self) -> str:
        return f"{self.id} {self.version}"
