"""Demo data of the careers app, for ``seed_demo``: three example companies
in Ansan's industrial areas with profiles, postings that ask for the
built-in course's competency units, and career profiles and consents for
some demo trainees (most agree to job matching, two share with one company
only, the rest share nothing). Running it again keeps what exists.

To use::

    seed_careers(trainees)
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from robocampus.accounts.models import Organisation
from robocampus.careers import services
from robocampus.careers.models import Consent, JobPosting, Part, PostingState, Purpose
from robocampus.curriculum.models import CompetencyUnit

COMPANIES = [
    {
        "slug": "banwol-precision",
        "name": "반월정밀 (예시 기업)",
        "profile": {
            "industry": "자동차 부품 가공 (Automotive parts machining)",
            "district": "banwol",
            "address": "경기도 안산시 단원구 (반월국가산업단지)",
            "size": "50-299",
            "robots_used": ["RV-7FR", "RV-13FR", "MELFA"],
            "website": "https://banwol-precision.example.org",
            "description": "CNC 가공 셀에 로봇 로딩/언로딩을 운영하는 예시 기업입니다.",
        },
    },
    {
        "slug": "sihwa-automation",
        "name": "시화오토메이션 (예시 기업)",
        "profile": {
            "industry": "로봇 시스템 통합 (Robot system integration)",
            "district": "sihwa",
            "address": "경기도 시흥시 (시화국가산업단지)",
            "size": "10-49",
            "robots_used": ["RV-2FR", "MELFA", "Q PLC"],
            "description": "팔레타이징과 포장 라인을 구축하는 예시 SI 기업입니다.",
        },
    },
    {
        "slug": "asv-robotics",
        "name": "ASV 로보틱스 (예시 기업)",
        "profile": {
            "industry": "협동로봇 응용 (Collaborative robot applications)",
            "district": "asv",
            "address": "경기도 안산시 상록구 (안산사이언스밸리)",
            "size": "1-9",
            "robots_used": ["RV-5AS (MELFA ASSISTA)"],
        },
    },
]
POSTINGS = [
    (
        "banwol-precision",
        "로봇 유지보수 엔지니어 (Robot maintenance engineer)",
        "K000005495",
        [("LM1903060104_15v2", 3, True), ("LM1903060106_15v2", 4, True)],
        PostingState.PUBLISHED,
        3,
    ),
    (
        "banwol-precision",
        "가공 셀 로봇 운영 (Machining cell robot operator)",
        "K000003463",
        [("LM1903060104_15v2", 3, True), ("LM1903060105_15v2", 3, False)],
        PostingState.PUBLISHED,
        2,
    ),
    (
        "sihwa-automation",
        "팔레타이징 로봇 프로그래머 (Palletizing robot programmer)",
        "K000003463",
        [
            ("LM1903060104_15v2", 3, True),
            ("LM1903060107_15v2", 3, True),
            ("LM1903060108_15v2", 4, False),
        ],
        PostingState.PUBLISHED,
        3,
    ),
    (
        "sihwa-automation",
        "자동화 통합 제어 기술자 (Automation integration engineer)",
        "K000002853",
        [("LM1903060105_15v2", 3, True)],
        PostingState.DRAFT,
        2,
    ),
    (
        "asv-robotics",
        "협동로봇 응용 엔지니어 (Cobot application engineer)",
        "K000003463",
        [("LM1903060106_15v2", 4, True), ("LM1903060104_15v2", 3, False)],
        PostingState.PUBLISHED,
        2,
    ),
]
MATCHING_TRAINEES = 8
"""The first demo trainees agree to job matching (all parts)."""


def _company(spec) -> Organisation:
    company, _ = Organisation.objects.get_or_create(
        slug=spec["slug"],
        defaults={"name": spec["name"], "kind": Organisation.Kind.COMPANY},
    )
    if not hasattr(company, "company_profile"):
        services.save_company_profile(company, **spec["profile"])
    return company


@transaction.atomic
def seed_careers(trainees, *, today: datetime.date | None = None) -> dict:
    """Create (or keep) the demo companies, postings, profiles and consents.
    ``trainees`` are the demo trainees in order. Returns what it made or
    found."""
    today = today or timezone.localdate()
    companies = {spec["slug"]: _company(spec) for spec in COMPANIES}
    units = {u.code: u for u in CompetencyUnit.objects.all()}
    postings = []
    for slug, title, code, rows, state, slots in POSTINGS:
        company = companies[slug]
        posting = JobPosting.objects.filter(company=company, title=title).first()
        if posting is None:
            posting = services.create_posting(
                company,
                None,
                {
                    "title": title,
                    "occupation_code": code,
                    "location": company.company_profile.address,
                    "district": company.company_profile.district,
                    "salary_min_krw": 32_000_000,
                    "salary_max_krw": 42_000_000,
                    "deadline": today + datetime.timedelta(days=45),
                    "interview_slots": slots,
                    "description": "예시 채용 공고입니다 (demo posting).",
                },
                [(units[c], level, req) for c, level, req in rows if c in units],
            )
            if state == PostingState.PUBLISHED:
                services.change_posting_state(posting, state)
        postings.append(posting)
    trainees = list(trainees)
    for i, trainee in enumerate(trainees[: MATCHING_TRAINEES + 2]):
        if Consent.objects.filter(trainee=trainee).exists():
            continue
        services.save_career_profile(
            trainee,
            headline="MELFA-BASIC 프로그래밍, 로봇 안전 (robot programming, safety)",
            summary="",
            phone="",
        )
        if i < MATCHING_TRAINEES:
            services.grant_consent(trainee, Purpose.MATCHING, Part.values)
        else:
            services.grant_consent(
                trainee,
                Purpose.COMPANY,
                [Part.COURSES, Part.COMPETENCIES],
                company=companies["banwol-precision"],
            )
    return {"companies": list(companies.values()), "postings": postings}
