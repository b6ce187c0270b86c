"""The shape of a picture of 100 people (an icon array), shared by the page's SVG and the PDF:
a 10 by 10 grid of person marks, in millimetres."""
PITCH, ROW, DOT = 3.6, 4.1, 1.35        # column step, row step, head size


def body(x: float, y: float) -> list[tuple[float, float]]:
    """The body of the mark whose cell starts at (x, y): a trapezoid under the head."""
    return [(x + 0.55, y + PITCH - 0.35), (x + PITCH - 0.55, y + PITCH - 0.35),
            (x + PITCH - 0.9, y + DOT + 0.65), (x + 0.9, y + DOT + 0.65)]
