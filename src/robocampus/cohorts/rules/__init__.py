"""The cohort rules as plain Python: attendance, completion, safety, booking.

No Django here, so the rules can be tested and timed on their own; the
``cohorts`` models, services and views are built on top of them.

- ``attendance``: HRD-Net-style session statuses and the running rate.
- ``completion``: a cohort's completion rule set and its verdict.
- ``safety``: the 16-hour special safety education for robot work, and the
  teaching-work (Art. 222) and pre-work (별표 3) checklists.
- ``inspection``: when a physical robot cell's safety inspection is due.
- ``qr``: rotating QR check-in tokens.
- ``booking``: slot overlap and what blocks a physical cell booking.

Sources are the research notes in
``shared/reference/training-platforms-and-rules.md`` (cited as "reference §n").
"""
