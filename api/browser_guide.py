"""The Neo4j Browser guide, rendered from the `.cypher` favorites so that each query exists once."""

from dataclasses import dataclass
from html import escape
from itertools import takewhile
from pathlib import Path

from jalin.errors import JalinError

FAVORITES_DIR = Path(__file__).resolve().parent.parent / "browser" / "favorites"
GUIDE_FILE = "guide.html"
COMMENT = "//"
# Browser's guide drawer shows the <title> text undecoded, so it holds nothing HTML would escape.
TITLE = "Jalin: the cooperation graph of East Kalimantan"
INTRO = ("Cooperation of East Kalimantan with Kazakhstan, North Kalimantan, Palu and Sri Lanka, "
         "from five news articles. Run the line on the right once to apply Jalin's colours and "
         "captions; each next slide answers one question. Click a query to put it in the editor.")

PAGE = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>{title}</title></head>
<body>
<article class="guide">
<carousel class="deck container-fluid">
{slides}
</carousel>
</article>
</body>
</html>
"""

SLIDE = """<slide class="row-fluid">
  <div class="col-sm-3">
    <h3>{heading}</h3>
    <p class="lead">{lead}</p>
  </div>
  <div class="col-sm-9">
    <figure><pre class="pre-scrollable code runnable">{code}</pre></figure>
  </div>
</slide>"""


@dataclass(frozen=True)
class Favorite:
    """One saved query: its file, title (first comment line), what it answers, and its full text."""

    path: Path
    title: str
    description: str
    text: str


def read_favorite(path: Path) -> Favorite:
    """Read one `.cypher` favorite; its leading `//` lines give the title, then the description."""
    text = path.read_text(encoding="utf-8").strip()
    comments = [line.removeprefix(COMMENT).strip()
                for line in takewhile(lambda line: line.startswith(COMMENT), text.splitlines())]
    if not comments or not comments[0]:
        raise JalinError(f"{path}:1: a favorite starts with a '// title' comment line")
    return Favorite(path, comments[0], " ".join(comments[1:]), text)


def load_favorites(folder: Path = FAVORITES_DIR) -> list[Favorite]:
    """Read every favorite in `folder`, in file-name order."""
    paths = sorted(folder.glob("*.cypher"))
    if not paths:
        raise JalinError(f"{folder}: no .cypher favorites found")
    return [read_favorite(path) for path in paths]


def _slide(heading: str, lead: str, code: str) -> str:
    return SLIDE.format(heading=escape(heading), lead=escape(lead), code=escape(code, quote=False))


def render_guide(favorites: list[Favorite], style_url: str) -> str:
    """Return the guide page: a slide to apply the style at `style_url`, then one per favorite."""
    slides = [_slide("Jalin", INTRO, f":style {style_url}")]
    slides += [_slide(f.title, f.description, f.text) for f in favorites]
    return PAGE.format(title=escape(TITLE), slides="\n".join(slides))
