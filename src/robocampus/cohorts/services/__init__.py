"""What the cohort views do, one module per job: enrolment states,
attendance (computing it, QR scans, the roster), excused absences, warnings,
exports, completion and progress."""
