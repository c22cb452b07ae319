"""Property kinds the model needs beyond neomodel's own: references to other entities and partial dates."""

from typing import Any

from neomodel import ArrayProperty, StringProperty


class RefProperty(StringProperty):
    """Hold the id of another entity of one of the `targets` types."""

    def __init__(self, targets: tuple[str, ...], **kwargs: Any) -> None:
        self.targets = targets
        super().__init__(**kwargs)


class RefListProperty(ArrayProperty):
    """Hold a list of ids of entities of the `targets` types."""

    def __init__(self, targets: tuple[str, ...], **kwargs: Any) -> None:
        self.targets = targets
        super().__init__(StringProperty(), **kwargs)


class UrlProperty(StringProperty):
    """Hold an absolute http(s) address, e.g. of a news article."""


class PeriodProperty(StringProperty):
    """Hold a period of partial dates, START..END, e.g. a target of 2027..2028; either side may be open."""


class FigureListProperty(ArrayProperty):
    """Hold figures: how many of what, in which unit, e.g. cities helped: 5; population: about 3 million.

    Each is stored as JSON text, since a stored list holds only plain values."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(StringProperty(), **kwargs)


class PartialDateProperty(StringProperty):
    """Hold an ISO 8601 date only as precise as its source: YYYY, YYYY-MM or YYYY-MM-DD."""
