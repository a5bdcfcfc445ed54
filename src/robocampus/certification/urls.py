"""Certification URLs, gathered from the view modules (each declares its own
``urlpatterns``): the bank and schemes, exam sessions and the candidate's
exam, the proctor's view, results and analysis, certificates and their
public verification."""

from robocampus.certification.views import bank, certificates, exams, proctor, results

app_name = "certification"

urlpatterns = [
    *bank.urlpatterns,
    *exams.urlpatterns,
    *proctor.urlpatterns,
    *results.urlpatterns,
    *certificates.urlpatterns,
]
