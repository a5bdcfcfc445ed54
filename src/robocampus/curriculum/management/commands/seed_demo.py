"""Seed a demo center: the built-in course, 2 instructors, 2 cohorts of 10
trainees, one user of every other role, and some graded submissions.
Each cohort gets a weekday schedule with attendance so far.
Running it again keeps what exists (users are looked up by username)."""

from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand

from robocampus.accounts.models import Organisation, Role, User
from robocampus.careers.demo import seed_careers
from robocampus.certification.demo import seed_certification_bank
from robocampus.certification.demo_sessions import seed_exam_sessions
from robocampus.certification.issuer_keys import ensure_key
from robocampus.cohorts.demo import seed_schedule
from robocampus.cohorts.models import Cohort, Enrolment
from robocampus.curriculum.builtin import install_builtin_course
from robocampus.curriculum.models import LabExercise
from robocampus.facilities.demo import seed_facilities
from robocampus.lab import services
from robocampus.lab.models import Submission
from robocampus.sim.grading import reference_solution
from robocampus.sim.melfa.prg import split_data

DEMO_PASSWORD = "robocampus-demo"
FAMILY = ["김", "이", "박", "최", "정", "강", "조", "윤", "장", "임"]
GIVEN = ["민준", "서연", "도윤", "지우", "하준", "서윤", "시우", "하은", "주원", "지민"]


class Command(BaseCommand):
    help = "Create (or keep) the demo center's data and print the demo logins."

    def handle(self, *args, **options):
        course = install_builtin_course()
        center, _ = Organisation.objects.get_or_create(
            slug="ansan-robot-center",
            defaults={
                "name": "안산 로봇직업교육센터",
                "kind": Organisation.Kind.CENTER,
            },
        )
        company, _ = Organisation.objects.get_or_create(
            slug="banwol-precision",
            defaults={
                "name": "반월정밀 (예시 기업)",
                "kind": Organisation.Kind.COMPANY,
            },
        )
        self._user("admin", "센터 관리자", Role.ADMIN, center)
        officer = self._user("officer", "자격 담당자", Role.OFFICER, center)
        self._user("company", "반월정밀 채용 담당", Role.COMPANY, company)
        instructors = [
            self._user("instructor1", "한지훈 강사", Role.INSTRUCTOR, center),
            self._user("instructor2", "오세영 강사", Role.INSTRUCTOR, center),
        ]
        trainees = [
            self._user(
                f"trainee{i + 1:02d}",
                FAMILY[i % 10] + GIVEN[(i * 3) % 10],
                Role.TRAINEE,
                center,
            )
            for i in range(20)
        ]
        today = datetime.date.today()
        for n, instructor in enumerate(instructors):
            cohort, _ = Cohort.objects.get_or_create(
                course=course,
                name=f"MELFA 프로그래밍 {today.year}-{n + 1}기",
                defaults={
                    "start_date": today - datetime.timedelta(days=14 + 7 * n),
                    "end_date": today + datetime.timedelta(days=60 - 7 * n),
                    "capacity": 12,
                },
            )
            cohort.instructors.add(instructor)
            for trainee in trainees[n * 10 : (n + 1) * 10]:
                Enrolment.objects.get_or_create(
                    cohort=cohort,
                    trainee=trainee,
                    defaults={"enrolled_on": cohort.start_date},
                )
            seed_schedule(cohort)
        self._submissions(trainees[:6])
        seed_facilities(
            list(Cohort.objects.filter(course=course)), instructors, trainees
        )
        seed_careers(trainees)
        scheme = seed_certification_bank(by=officer)
        ensure_key()  # the center's signing key, made once (manage.py issuer_key)
        seed_exam_sessions(
            scheme.levels.get(code="basic"),
            officer,
            instructors[0],
            open_trainees=trainees[:10],
            past_trainees=trainees[10:],
        )
        self.stdout.write(
            self.style.SUCCESS(f"Demo data ready. Logins (password: {DEMO_PASSWORD}):")
        )
        for username, what in [
            ("trainee01", "trainee / 교육생"),
            ("instructor1", "instructor / 강사"),
            ("officer", "certification officer / 자격 담당자"),
            ("company", "company member / 기업 담당자"),
            ("admin", "center admin / 센터 관리자"),
        ]:
            self.stdout.write(f"  {username:<12} {what}")

    def _user(self, username, name, role, organisation) -> User:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(
                username=username,
                name=name,
                role=role,
                organisation=organisation,
                email=f"{username}@example.org",
            )
            user.set_password(DEMO_PASSWORD)
            user.save()
        return user

    def _submissions(self, trainees) -> None:
        """The first trainees hand in the reference of the first exercises
        (and one a broken first try), unless they already did."""
        for i, trainee in enumerate(trainees):
            for slug in ["ex01-first-moves", "ex02-draw-square", "ex03-pick-and-place"][
                : 1 + i % 3
            ]:
                lab = LabExercise.objects.get(slug=slug)
                if Submission.objects.filter(user=trainee, exercise=lab).exists():
                    continue
                steps, data = split_data(reference_solution(slug))
                if i % 2:
                    services.submit(trainee, lab, steps.replace("Mvs", "Mov", 1), data)
                services.submit(trainee, lab, steps, data)
