"""The edition pass: pages made up in page order, what did not fit carried
forward (a section's pages in turn; stories continued on a later page, 转版).

    share.py  which articles each page of a section gets; what a page is given
    plan.py   which cut stories jump where, weighed against cutting
    run.py    a section's pages, a jump group's pages, both sides' reports
"""

from .plan import PlannedJump, plan
from .run import Outcome, groups, lay_out_page, make_chain, make_jumps, record
from .share import Carried, PageInput, chains

__all__ = [
    "Carried",
    "Outcome",
    "PageInput",
    "PlannedJump",
    "chains",
    "groups",
    "lay_out_page",
    "make_chain",
    "make_jumps",
    "plan",
    "record",
]
