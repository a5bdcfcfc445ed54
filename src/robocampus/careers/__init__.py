"""Careers: company profiles and job postings, trainees' career profiles
built from verified evidence, consent per purpose (PIPA) with a log of every
company view, matching with explanations, and job-fair interview plans.

``matching`` and ``jobfair`` are pure NumPy/SciPy; ``evidence`` and
``consent`` read the database in bulk; ``services`` holds every write.
"""
