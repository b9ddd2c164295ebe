#!/usr/bin/env python3
"""Deterministic generator of realistic CSL-JSON corpora for citefmt's benchmarks.

    python benchmarks/generate.py 1000 -o benchmarks/corpora/refs-1000.json
    python benchmarks/generate.py 100000 --seed 7 -o /tmp/refs.json

The output is a CSL-JSON list (ids ``ref00001``, ``ref00002``, ...), one item per
line. The same N and seed always give the same bytes, and item k does not depend
on N: the first 1,000 items of ``refs-10000.json`` are ``refs-1000.json``'s.

What is in a corpus (approximate shares):

- types: article-journal 60 %, book 8 %, chapter 8 %, paper-conference 7 %,
  report 5 %, webpage 5 %, thesis 4 %, dataset 3 %;
- 1 to 30 authors, skewed to 1-6 (median 3); ~4 % organisations as ``literal``
  names; some particles (van der, de), suffixes (Jr.), hyphenated and initials-only
  given names;
- ~25 % Russian items (Cyrillic names, titles, journals, publishers,
  ``language: ru``), the rest ``language: en``;
- issued dates (year; ~40 % with month, a third of those with a day), volumes,
  issues, page ranges (some single pages and e-locators), DOIs, ISSNs, ISBNs,
  publishers and places, editors for chapters, URLs and access dates for web
  pages and data sets, genres for theses;
- ~5 % of items repeat an earlier item's authors and year (same-author-same-year
  pairs and triples, so APA's year suffixes 2020a/2020b are exercised), and ~3 %
  repeat only the first author and year (et-al. lists that differ after the first).

Standard library only; no dependency on citefmt.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path
from typing import Any

DEFAULT_SEED = 20240601

# --------------------------------------------------------------------------- pools

LATIN_FAMILY = """
Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez
Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris
Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill
Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Müller Schmidt
Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Koch Richter Klein Wolf Schröder
Neumann Dubois Durand Lefebvre Moreau Laurent Simon Michel Leroy Roux Fournier Girard Bonnet
Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo Conti
Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Luo Gao
Sato Suzuki Takahashi Tanaka Watanabe Ito Yamamoto Nakamura Kobayashi Kato Kim Park Choi
Jung Kang Cho Yoon Jang Lim Han Singh Kumar Sharma Patel Gupta Shah Mehta Rao Reddy Iyer
Andersson Johansson Karlsson Nilsson Eriksson Larsson Olsen Hansen Nielsen Jensen Pedersen
Kowalski Nowak Wiśniewski Novák Horváth Nagy Popescu Ionescu Papadopoulos Yilmaz Kaya
O'Brien O'Connor McDonald MacLeod Fitzgerald Murphy Kelly Walsh Byrne Ryan Doyle
Silva Santos Oliveira Souza Pereira Costa Carvalho Almeida Ferreira Gomes Ribeiro Lima
Cohen Levy Friedman Katz Goldberg Shapiro Rabbat Chaoui Montani Thol Dombret Estey Döhner
""".split()

LATIN_GIVEN = """
James John Robert Michael William David Richard Joseph Thomas Charles Mary Patricia
Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Daniel Matthew Anthony Mark
Paul Steven Andrew Joshua Kevin Brian Emily Laura Anna Maria Sophie Julia Hannah Emma
Lukas Jonas Felix Leon Marie Claire Camille Pierre Antoine Nicolas Giulia Marco Luca
Alessandro Francesca Chiara Wei Jing Min Hui Yan Xin Hiroshi Yuki Kenji Akiko Haruka
Ji-hoon Seo-yeon Min-jun Priya Rahul Anil Deepa Sanjay Lars Erik Ingrid Astrid Sven
Katarzyna Piotr Tomasz Zsófia Andrei Elena Nikos Ayşe Mehmet Siobhán Ciarán Aoife
João Ana Pedro Beatriz Rafael Yael Noam Tamar Amélie Hervé Jörg Søren
""".split()

LATIN_PARTICLES = [("non-dropping-particle", "van"), ("non-dropping-particle", "van der"),
                   ("non-dropping-particle", "de"), ("non-dropping-particle", "von"),
                   ("non-dropping-particle", "da"), ("non-dropping-particle", "Di")]
LATIN_PARTICLE_FAMILY = "Berg Dijk Meer Heuvel Vries Linden Broek Silva Souza Humboldt Costa Luca".split()

CYR_FAMILY_M = """
Иванов Смирнов Кузнецов Попов Васильев Петров Соколов Михайлов Новиков Фёдоров Морозов
Волков Алексеев Лебедев Семёнов Егоров Павлов Козлов Степанов Николаев Орлов Андреев
Макаров Никитин Захаров Зайцев Соловьёв Борисов Яковлев Григорьев Романов Воробьёв
Сергеев Кузьмин Фролов Александров Дмитриев Королёв Гусев Киселёв Ильин Максимов
Поляков Сорокин Виноградов Ковалёв Белов Медведев Антонов Тарасов Жуков Баранов
Филиппов Комаров Давыдов Беляев Герасимов Богданов Осипов Сидоров Матвеев Титов
Марков Миронов Крылов Куликов Карпов Власов Мельников Денисов Гаврилов Тихонов
Казаков Афанасьев Данилов Савельев Тимофеев Фомин Чернов Абрамов Мартынов Ефимов
Федотов Щербаков Назаров Калинин Исаев Чернышёв Быков Маслов Родионов Коновалов
Лазарев Воронин Климов Филатов Пономарёв Голубев Кудрявцев Прохоров Наумов Потапов
Журавлёв Овчинников Трофимов Леонов Соболев Ермаков Колесников Гончаров Емельянов
Никифоров Грачёв Котов Гришин Ефремов Архипов Громов Кириллов Малышев Панов Моисеев
Румянцев Акимов Кондратьев Бирюков Горбунов Анисимов Ерёмин Тихомиров Галкин Лукьянов
Михеев Скворцов Юдин Белоусов Нестеров Симонов Прокофьев Харитонов Князев Цветков
Левин Митрофанов Воронов Аксёнов Софронов Мальцев Логинов Горшков Савин Краснов
Майоров Демидов Елисеев Рыбаков Сафонов Плотников Дёмин Хохлов Фадеев Молчанов
Игнатов Литвинов Ершов Ушаков Дементьев Рябов Мухин Калашников Леонтьев Лобанов
Кузин Корнеев Евдокимов Бородин Платонов Некрасов Балашов Бобров Жданов Блинов
Игнатьев Коротков Муравьёв Крюков Беляков Богомолов Дроздов Лавров Зуев Петухов
Ларин Никулин Серов Терентьев Зотов Устинов Фокин Самойлов Константинов Сахаров
Гиршова Бадаев Моторин Будаева Миролюбова Загородникова Читанава Зарицкий
""".split()

CYR_GIVEN = [
    ("Александр", "Александрович", "Александровна"), ("Алексей", "Алексеевич", "Алексеевна"),
    ("Андрей", "Андреевич", "Андреевна"), ("Борис", "Борисович", "Борисовна"),
    ("Вадим", "Вадимович", "Вадимовна"), ("Валерий", "Валерьевич", "Валерьевна"),
    ("Василий", "Васильевич", "Васильевна"), ("Виктор", "Викторович", "Викторовна"),
    ("Владимир", "Владимирович", "Владимировна"), ("Геннадий", "Геннадьевич", "Геннадьевна"),
    ("Георгий", "Георгиевич", "Георгиевна"), ("Дмитрий", "Дмитриевич", "Дмитриевна"),
    ("Евгений", "Евгеньевич", "Евгеньевна"), ("Иван", "Иванович", "Ивановна"),
    ("Игорь", "Игоревич", "Игоревна"), ("Константин", "Константинович", "Константиновна"),
    ("Михаил", "Михайлович", "Михайловна"), ("Николай", "Николаевич", "Николаевна"),
    ("Олег", "Олегович", "Олеговна"), ("Павел", "Павлович", "Павловна"),
    ("Пётр", "Петрович", "Петровна"), ("Роман", "Романович", "Романовна"),
    ("Сергей", "Сергеевич", "Сергеевна"), ("Юрий", "Юрьевич", "Юрьевна"),
    ("Эдуард", "Эдуардович", "Эдуардовна"), ("Ярослав", "Ярославович", "Ярославовна"),
]
CYR_GIVEN_F = """
Анна Елена Ольга Наталья Татьяна Ирина Светлана Мария Екатерина Юлия Людмила Галина
Марина Дарья Ксения Алёна Вера Надежда Любовь Виктория Полина Софья Лариса Яна
""".split()

ORGS_EN = [
    "World Health Organization", "National Comprehensive Cancer Network",
    "American Psychological Association", "Centers for Disease Control and Prevention",
    "European Medicines Agency", "U.S. Food and Drug Administration",
    "National Institute for Health and Care Excellence", "Cochrane Collaboration",
    "International Agency for Research on Cancer", "OECD", "UNESCO",
    "European LeukemiaNet", "National Cancer Institute", "Office for National Statistics",
]
ORGS_RU = [
    "Министерство здравоохранения Российской Федерации", "Росстат",
    "Национальное гематологическое общество", "Российское общество онкогематологов",
    "Федеральная служба по надзору в сфере защиты прав потребителей и благополучия человека",
    "Российская академия наук", "Ассоциация онкологов России",
]

EN_ADJ = """
acute chronic refractory relapsed novel targeted early late adaptive comparative
longitudinal randomized prospective retrospective multicentre pediatric adult elderly
high-risk low-dose intensive minimal residual systemic molecular genetic clinical
real-world population-based cross-sectional cumulative automated scalable robust
""".split()
EN_NOUN = """
leukemia lymphoma myeloma sepsis infection therapy treatment outcome survival toxicity
response resistance mutation expression biomarker model algorithm framework network
analysis approach strategy intervention cohort trial registry transplantation
chemotherapy immunotherapy antibody inhibitor pathway signaling diagnosis prognosis
risk mortality quality care management imaging screening prevention adherence
""".split()
EN_POP = [
    "patients", "children", "adolescents", "older adults", "women", "survivors",
    "healthy volunteers", "hospitalized patients", "intensive care units", "primary care",
    "low-income countries", "Europe", "the United States", "China", "Japan", "Russia",
    "a tertiary centre", "rural communities", "young adults", "transplant recipients",
]
EN_STUDY = [
    "a randomized controlled trial", "a systematic review and meta-analysis",
    "a retrospective cohort study", "a prospective multicentre study", "a case series",
    "results of a phase III trial", "a population-based analysis", "a single-centre experience",
    "a narrative review", "an observational study", "a cross-sectional survey",
    "a modelling study", "lessons from two decades", "a consensus statement",
]
EN_TEMPLATES = [
    "{Adj} {noun} in {pop}: {study}",
    "{Noun} and {noun2} of {adj} {noun3} in {pop}",
    "Effect of {adj} {noun} on {noun2} in {pop}",
    "{Adj} {noun} after {noun2}: {study}",
    "The role of {noun} in {adj} {noun2}",
    "Predictors of {noun} among {pop} with {adj} {noun2}",
    "{Noun}: {study}",
    "Towards {adj} {noun} for {noun2}",
    "{Adj} {noun}, {noun2}, and {noun3} in {pop}: {study}",
    "Long-term {noun} of {adj} {noun2} versus {noun3} in {pop}",
]

RU_ADJ = """
острый хронический рефрактерный рецидивирующий новый таргетный ранний поздний
сравнительный рандомизированный проспективный ретроспективный многоцентровой
детский взрослый клинический молекулярный генетический системный минимальный
""".split()
RU_NOUN_NOM = """
лейкоз лимфома миелома сепсис терапия лечение выживаемость токсичность ответ
резистентность мутация экспрессия модель алгоритм подход стратегия диагностика
прогноз риск летальность трансплантация химиотерапия иммунотерапия
""".split()
RU_NOUN_GEN = """
лейкоза лимфомы миеломы сепсиса терапии лечения выживаемости токсичности ответа
резистентности мутаций экспрессии модели диагностики прогноза риска летальности
трансплантации химиотерапии иммунотерапии пациентов больных детей взрослых
""".split()
RU_POP = [
    "у детей", "у взрослых пациентов", "у пожилых больных", "в Российской Федерации",
    "в Санкт-Петербурге", "в Москве", "в условиях реанимации", "у реципиентов",
    "в амбулаторной практике", "в многопрофильном стационаре",
]
RU_STUDY = [
    "рандомизированное исследование", "систематический обзор", "описание клинического случая",
    "ретроспективный анализ", "проспективное многоцентровое исследование", "обзор литературы",
    "результаты национального регистра", "собственный опыт", "клинические рекомендации",
]
RU_TEMPLATES = [
    "{Adj} {noun} {pop}: {study}",
    "Эффективность {gen} {pop}",
    "Роль {gen} в прогнозе {gen2}",
    "{Noun} и {noun2} {pop}: {study}",
    "Факторы риска {gen} {pop}",
    "Опыт применения {gen} {pop}",
    "Современные подходы к диагностике {gen}",
    "Результаты {gen} {pop}",
]

JOURNALS_EN = [
    ("Blood", "Blood", "0006-4971"), ("The Lancet", "Lancet", "0140-6736"),
    ("The New England Journal of Medicine", "N Engl J Med", "0028-4793"),
    ("Journal of Clinical Oncology", "J Clin Oncol", "0732-183X"),
    ("Leukemia", "Leukemia", "0887-6924"), ("Haematologica", "Haematologica", "0390-6078"),
    ("British Journal of Haematology", "Br J Haematol", "0007-1048"),
    ("Nature", "Nature", "0028-0836"), ("Science", "Science", "0036-8075"),
    ("PLOS ONE", "PLoS One", "1932-6203"), ("BMJ", "BMJ", "0959-8138"),
    ("JAMA", "JAMA", "0098-7484"), ("Critical Care Medicine", "Crit Care Med", "0090-3493"),
    ("Psychological Science", "Psychol Sci", "0956-7976"),
    ("Journal of Personality and Social Psychology", "J Pers Soc Psychol", "0022-3514"),
    ("Bioinformatics", "Bioinformatics", "1367-4803"),
    ("Nucleic Acids Research", "Nucleic Acids Res", "0305-1048"),
    ("Annals of Internal Medicine", "Ann Intern Med", "0003-4819"),
    ("Clinical Infectious Diseases", "Clin Infect Dis", "1058-4838"),
    ("Bone Marrow Transplantation", "Bone Marrow Transplant", "0268-3369"),
]
JOURNALS_RU = [
    ("Клиническая онкогематология. Фундаментальные исследования и клиническая практика",
     "Клиническая онкогематология", "1997-6933"),
    ("Терапевтический архив", "Тер. архив", "0040-3660"),
    ("Гематология и трансфузиология", "Гематол. и трансфузиол.", "0234-5730"),
    ("Вопросы онкологии", "Вопр. онкол.", "0507-3758"),
    ("Онкогематология", "Онкогематология", "1818-8346"),
    ("Российский журнал детской гематологии и онкологии", "РЖДГиО", "2311-1267"),
    ("Анестезиология и реаниматология", "Анестезиол. и реаниматол.", "0201-7563"),
    ("Вестник Российской академии медицинских наук", "Вестн. РАМН", "0869-6047"),
    ("Педиатрия", "Педиатрия", "0031-403X"),
    ("Инфекционные болезни", "Инфекц. болезни", "1729-9225"),
]
PUBLISHERS_EN = [
    ("Springer", "Cham"), ("Elsevier", "Amsterdam"), ("Oxford University Press", "Oxford"),
    ("Cambridge University Press", "Cambridge"), ("Wiley-Blackwell", "Hoboken, NJ"),
    ("CRC Press", "Boca Raton, FL"), ("Lippincott Williams & Wilkins", "Philadelphia"),
    ("American Psychological Association", "Washington, DC"), ("MIT Press", "Cambridge, MA"),
    ("Routledge", "London"), ("McGraw-Hill", "New York"), ("Thieme", "Stuttgart"),
]
PUBLISHERS_RU = [
    ("ГЭОТАР-Медиа", "Москва"), ("МЕДпресс-информ", "Москва"), ("Медицина", "Москва"),
    ("Наука", "Москва"), ("СпецЛит", "Санкт-Петербург"), ("Практическая медицина", "Москва"),
    ("Издательство СПбГМУ", "Санкт-Петербург"), ("Феникс", "Ростов-на-Дону"),
]
UNIVERSITIES_EN = [
    ("University of Oxford", "Oxford"), ("Harvard University", "Cambridge, MA"),
    ("Karolinska Institutet", "Stockholm"), ("University of Toronto", "Toronto"),
    ("ETH Zürich", "Zürich"), ("University of Melbourne", "Melbourne"),
    ("Stanford University", "Stanford, CA"), ("Université Paris Cité", "Paris"),
]
UNIVERSITIES_RU = [
    ("Первый Санкт-Петербургский государственный медицинский университет имени академика И. П. Павлова",
     "Санкт-Петербург"),
    ("Московский государственный университет имени М. В. Ломоносова", "Москва"),
    ("Национальный медицинский исследовательский центр имени В. А. Алмазова", "Санкт-Петербург"),
    ("Новосибирский государственный университет", "Новосибирск"),
    ("Казанский федеральный университет", "Казань"),
]
CONFERENCES_EN = [
    "Proceedings of the {n}th Annual Meeting of the American Society of Hematology",
    "Proceedings of the {n}th International Conference on Machine Learning",
    "Proceedings of the {n}th Congress of the European Hematology Association",
    "Proceedings of the {n}th Annual Conference of the Cognitive Science Society",
    "Advances in Neural Information Processing Systems {n}",
]
CONFERENCES_RU = [
    "Материалы {n}-го Всероссийского конгресса гематологов",
    "Тезисы {n}-й Российской конференции с международным участием «Злокачественные лимфомы»",
    "Сборник трудов {n}-й научно-практической конференции «Актуальные вопросы онкологии»",
]
EVENT_PLACES_EN = ["San Diego, CA", "Vienna", "Amsterdam", "Orlando, FL", "Montréal", "Barcelona"]
EVENT_PLACES_RU = ["Москва", "Санкт-Петербург", "Казань", "Новосибирск", "Екатеринбург"]
WEBSITES_EN = [("World Health Organization", "https://www.who.int"),
               ("National Cancer Institute", "https://www.cancer.gov"),
               ("ClinicalTrials.gov", "https://clinicaltrials.gov"),
               ("Wikipedia", "https://en.wikipedia.org"),
               ("The Guardian", "https://www.theguardian.com")]
WEBSITES_RU = [("Минздрав России", "https://minzdrav.gov.ru"),
               ("Росстат", "https://rosstat.gov.ru"),
               ("Рубрикатор клинических рекомендаций", "https://cr.minzdrav.gov.ru")]
DATA_REPOS = [("Zenodo", "10.5281/zenodo"), ("Dryad", "10.5061/dryad"),
              ("Figshare", "10.6084/m9.figshare"), ("OSF", "10.17605/OSF.IO")]
DOI_PREFIXES = ["10.1182", "10.1016", "10.1056", "10.1200", "10.1038", "10.3324", "10.1111",
                "10.1371", "10.1136", "10.1001", "10.1097", "10.1037", "10.1093", "10.21320",
                "10.17650", "10.35754", "10.26442"]

TYPE_WEIGHTS = [("article-journal", 60), ("book", 8), ("chapter", 8), ("paper-conference", 7),
                ("report", 5), ("webpage", 5), ("thesis", 4), ("dataset", 3)]
#: Number of authors: 1-6 most of the time, a long tail up to 30.
AUTHOR_COUNT_WEIGHTS = ([(1, 14), (2, 15), (3, 15), (4, 13), (5, 11), (6, 9)] +
                        [(n, 2.2) for n in range(7, 11)] + [(n, 0.45) for n in range(11, 31)])


def _weighted(rng: random.Random, pairs) -> Any:
    values, weights = zip(*pairs)
    return rng.choices(values, weights=weights)[0]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


# --------------------------------------------------------------------------- parts

def _latin_name(rng: random.Random) -> dict[str, str]:
    roll = rng.random()
    if roll < 0.04:
        name = {"family": rng.choice(LATIN_PARTICLE_FAMILY), "given": rng.choice(LATIN_GIVEN)}
        key, particle = rng.choice(LATIN_PARTICLES)
        name[key] = particle
        return name
    family = rng.choice(LATIN_FAMILY)
    if rng.random() < 0.03:
        family += "-" + rng.choice(LATIN_FAMILY)
    form = rng.random()
    if form < 0.45:
        given = rng.choice(LATIN_GIVEN)
    elif form < 0.70:
        given = f"{rng.choice(LATIN_GIVEN)} {rng.choice('ABCDEFGHJKLMNPRSTW')}."
    elif form < 0.90:
        given = "".join(rng.choice("ABCDEFGHJKLMNPRSTW") for _ in range(rng.choice((1, 1, 2))))
    else:
        given = " ".join(f"{rng.choice('ABCDEFGHJKLMNPRSTW')}." for _ in range(rng.choice((1, 2))))
    name = {"family": family, "given": given}
    if rng.random() < 0.015:
        name["suffix"] = rng.choice(["Jr.", "III", "Sr."])
    return name


def _feminine(family: str) -> str:
    if family.endswith(("ов", "ев", "ёв", "ин", "ын")):
        return family + "а"
    if family.endswith("ий"):
        return family[:-2] + "ая"
    return family


def _cyrillic_name(rng: random.Random) -> dict[str, str]:
    family = rng.choice(CYR_FAMILY_M)
    female = rng.random() < 0.5
    if female:
        family = _feminine(family)
        first = rng.choice(CYR_GIVEN_F)
        patronymic = rng.choice(CYR_GIVEN)[2]
    else:
        first, patronymic, _ = rng.choice(CYR_GIVEN)
    form = rng.random()
    if form < 0.5:
        given = f"{first[0]}. {patronymic[0]}."
    elif form < 0.8:
        given = f"{first} {patronymic}"
    elif form < 0.9:
        given = f"{first[0]}.{patronymic[0]}."
    else:
        given = first
    return {"family": family, "given": given}


def _names(rng: random.Random, ru: bool, count: int) -> list[dict[str, str]]:
    make = _cyrillic_name if ru else _latin_name
    return [make(rng) for _ in range(count)]


def _authors(rng: random.Random, ru: bool, kind: str) -> list[dict[str, str]]:
    org_share = {"report": 0.35, "dataset": 0.15, "webpage": 0.3}.get(kind, 0.02)
    if rng.random() < org_share:
        return [{"literal": rng.choice(ORGS_RU if ru else ORGS_EN)}]
    count = _weighted(rng, AUTHOR_COUNT_WEIGHTS)
    if kind in ("book", "thesis", "webpage"):
        count = min(count, rng.choice((1, 1, 2, 3)))
    return _names(rng, ru, count)


def _title(rng: random.Random, ru: bool) -> str:
    if ru:
        words = dict(Adj=_cap(rng.choice(RU_ADJ)), noun=rng.choice(RU_NOUN_NOM),
                     Noun=_cap(rng.choice(RU_NOUN_NOM)), noun2=rng.choice(RU_NOUN_NOM),
                     gen=rng.choice(RU_NOUN_GEN), gen2=rng.choice(RU_NOUN_GEN),
                     pop=rng.choice(RU_POP), study=rng.choice(RU_STUDY))
        return rng.choice(RU_TEMPLATES).format(**words)
    words = dict(Adj=_cap(rng.choice(EN_ADJ)), adj=rng.choice(EN_ADJ),
                 Noun=_cap(rng.choice(EN_NOUN)), noun=rng.choice(EN_NOUN),
                 noun2=rng.choice(EN_NOUN), noun3=rng.choice(EN_NOUN),
                 pop=rng.choice(EN_POP), study=rng.choice(EN_STUDY))
    return rng.choice(EN_TEMPLATES).format(**words)


def _year(rng: random.Random) -> int:
    # Skewed to recent years: most references are from the last fifteen years.
    return max(1965, 2024 - int(rng.expovariate(1 / 8)))


def _issued(rng: random.Random, year: int) -> dict[str, Any]:
    parts: list[int] = [year]
    if rng.random() < 0.4:
        parts.append(rng.randint(1, 12))
        if rng.random() < 0.33:
            parts.append(rng.randint(1, 28))
    return {"date-parts": [parts]}


def _pages(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.06:
        return f"e{rng.randint(1000, 99999)}"
    start = rng.randint(1, 2400)
    if roll < 0.12:
        return str(start)
    end = start + rng.randint(1, 30)
    return f"{start}-{end}"


def _doi(rng: random.Random, prefix: str | None = None) -> str:
    prefix = prefix or rng.choice(DOI_PREFIXES)
    suffix = rng.choice([
        lambda: f"j.{rng.choice(['blood', 'lancet', 'cell', 'jaci'])}.{rng.randint(2000, 2024)}."
                f"{rng.randint(1, 12):02d}.{rng.randint(1, 999):03d}",
        lambda: f"s{rng.randint(41000, 41599)}-{rng.randint(18, 24):02d}-{rng.randint(1000, 9999)}-{rng.randint(0, 9)}",
        lambda: f"{rng.randint(2500, 2599)}-{rng.randint(2000, 2999)}-{rng.randint(2010, 2024)}-"
                f"{rng.randint(1, 20)}-{rng.randint(1, 4)}-{rng.randint(1, 400)}-{rng.randint(401, 420)}",
        lambda: f"journal.pone.{rng.randint(0, 999999):07d}",
        lambda: f"JCO.{rng.randint(2005, 2024)}.{rng.randint(10, 99)}.{rng.randint(1000, 9999)}",
    ])()
    return f"{prefix}/{suffix}"


def _isbn(rng: random.Random, ru: bool) -> str:
    group = "5" if ru else rng.choice(["0", "1", "3"])
    return f"978-{group}-{rng.randint(100, 999)}-{rng.randint(10000, 99999)}-{rng.randint(0, 9)}"


# --------------------------------------------------------------------------- items

def make_item(index: int, seed: int, earlier: list[dict[str, Any]]) -> dict[str, Any]:
    """Item number ``index`` (1-based); depends only on the seed, the index and earlier items."""
    rng = random.Random(f"{seed}:{index}")
    kind = _weighted(rng, TYPE_WEIGHTS)
    ru = rng.random() < 0.25
    item: dict[str, Any] = {"id": f"ref{index:05d}", "type": kind}

    year = _year(rng)
    authors = _authors(rng, ru, kind)
    twin = rng.random()
    if earlier and twin < 0.08:
        # A same-author-same-year sibling (5 %) or a same-first-author-same-year one (3 %)
        # of an item close by, in the same language.
        window = earlier[-200:]
        candidates = [e for e in window if (e.get("language") == "ru") == ru and "author" in e]
        if candidates:
            other = rng.choice(candidates)
            year = other["issued"]["date-parts"][0][0]
            if twin < 0.05:
                authors = [dict(name) for name in other["author"]]
            else:
                authors = [dict(other["author"][0])] + authors[1:] + (
                    _names(rng, ru, 1) if len(authors) == 1 else [])

    if kind != "webpage" or rng.random() < 0.6:
        item["author"] = authors
    item["title"] = _title(rng, ru)
    item["issued"] = _issued(rng, year)
    item["language"] = "ru" if ru else "en"

    if kind == "article-journal":
        title, short, issn = rng.choice(JOURNALS_RU if ru else JOURNALS_EN)
        item["container-title"] = title
        if rng.random() < 0.6:
            item["container-title-short"] = short
        if rng.random() < 0.3:
            item["ISSN"] = issn
        if rng.random() < 0.95:
            item["volume"] = str(rng.randint(1, 150))
        if rng.random() < 0.8:
            item["issue"] = str(rng.randint(1, 12))
        if rng.random() < 0.93:
            item["page"] = _pages(rng)
        if rng.random() < (0.55 if ru else 0.8):
            item["DOI"] = _doi(rng, "10.21320" if ru and rng.random() < 0.5 else None)
        if not ru and rng.random() < 0.25:
            item["PMID"] = str(rng.randint(10_000_000, 39_999_999))
    elif kind in ("book", "chapter"):
        publisher, place = rng.choice(PUBLISHERS_RU if ru else PUBLISHERS_EN)
        item["publisher"] = publisher
        if rng.random() < 0.9:
            item["publisher-place"] = place
        if rng.random() < 0.2:
            item["edition"] = str(rng.randint(2, 8))
        if rng.random() < 0.5:
            item["ISBN"] = _isbn(rng, ru)
        if kind == "book":
            if rng.random() < 0.5:
                item["number-of-pages"] = str(rng.randint(120, 1200))
            if rng.random() < 0.15:
                item["editor"] = _names(rng, ru, rng.randint(1, 3))
                if rng.random() < 0.5:
                    del item["author"]
        else:
            item["container-title"] = _title(rng, ru)
            item["editor"] = _names(rng, ru, _weighted(rng, [(1, 4), (2, 4), (3, 2), (4, 1)]))
            item["page"] = _pages(rng)
            if rng.random() < 0.3:
                item["DOI"] = _doi(rng, "10.1007")
    elif kind == "paper-conference":
        item["container-title"] = rng.choice(CONFERENCES_RU if ru else CONFERENCES_EN).format(
            n=rng.randint(2, 66))
        item["event-place"] = rng.choice(EVENT_PLACES_RU if ru else EVENT_PLACES_EN)
        if rng.random() < 0.6:
            publisher, place = rng.choice(PUBLISHERS_RU if ru else PUBLISHERS_EN)
            item["publisher"] = publisher
            item["publisher-place"] = place
        if rng.random() < 0.8:
            item["page"] = _pages(rng)
        if rng.random() < 0.4:
            item["DOI"] = _doi(rng)
    elif kind == "report":
        publisher, place = rng.choice(
            [(o, "Москва") for o in ORGS_RU] if ru else [(o, "Geneva") for o in ORGS_EN])
        item["publisher"] = publisher
        if rng.random() < 0.7:
            item["publisher-place"] = place
        if rng.random() < 0.6:
            item["number"] = f"{rng.choice(['WHO/HIS', 'NCI-TR', 'TR', 'No.'])} {rng.randint(1, 999)}"
        if rng.random() < 0.4:
            item["URL"] = f"https://example.org/reports/{rng.randint(10000, 99999)}"
    elif kind == "thesis":
        publisher, place = rng.choice(UNIVERSITIES_RU if ru else UNIVERSITIES_EN)
        item["publisher"] = publisher
        item["publisher-place"] = place
        item["genre"] = rng.choice(
            ["Дис. … канд. мед. наук", "Дис. … д-ра мед. наук", "Автореф. дис. … канд. биол. наук"]
            if ru else ["Doctoral dissertation", "PhD thesis", "Master's thesis"])
        if rng.random() < 0.4:
            item["number-of-pages"] = str(rng.randint(90, 400))
    elif kind == "webpage":
        site, url = rng.choice(WEBSITES_RU if ru else WEBSITES_EN)
        item["container-title"] = site
        item["URL"] = f"{url}/{rng.choice(['news', 'publications', 'data', 'page'])}/{rng.randint(1000, 99999)}"
        acc_year = min(2024, year + rng.randint(0, 3))
        item["accessed"] = {"date-parts": [[acc_year, rng.randint(1, 12), rng.randint(1, 28)]]}
    elif kind == "dataset":
        repo, prefix = rng.choice(DATA_REPOS)
        item["publisher"] = repo
        item["DOI"] = f"{prefix}.{rng.randint(1_000_000, 9_999_999)}"
        if rng.random() < 0.6:
            item["version"] = f"{rng.randint(1, 5)}.{rng.randint(0, 9)}"
        if rng.random() < 0.3:
            item["medium"] = "Data set"

    if "author" not in item and "editor" not in item and kind not in ("webpage",):
        item["author"] = authors
    return item


def generate(count: int, seed: int = DEFAULT_SEED) -> list[dict[str, Any]]:
    """``count`` items; the first k of them are the same for every count >= k."""
    items: list[dict[str, Any]] = []
    for index in range(1, count + 1):
        items.append(make_item(index, seed, items))
    return items


def dumps(items: list[dict[str, Any]]) -> str:
    """CSL-JSON, one item per line (UTF-8, not ASCII-escaped)."""
    lines = (json.dumps(item, ensure_ascii=False, separators=(",", ":")) for item in items)
    return "[\n" + ",\n".join(lines) + "\n]\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("count", type=int, help="number of references (e.g. 1000, 10000, 100000)")
    parser.add_argument("-o", "--output", type=Path,
                        help="output file (default: stdout); parent directories are created")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    parser.add_argument("--stats", action="store_true", help="print a summary of the corpus to stderr")
    args = parser.parse_args(argv)
    if not 1 <= args.count <= 999_999:
        parser.error("count must be between 1 and 999999")
    items = generate(args.count, args.seed)
    text = dumps(items)
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    if args.stats:
        print_stats(items, sys.stderr)
    return 0


def print_stats(items: list[dict[str, Any]], stream) -> None:
    from collections import Counter

    types = Counter(item["type"] for item in items)
    langs = Counter(item["language"] for item in items)
    authors = Counter(len(item.get("author", [])) for item in items)
    literal = sum(1 for item in items if any("literal" in a for a in item.get("author", [])))
    pairs = Counter((json.dumps(item.get("author"), ensure_ascii=False), item["issued"]["date-parts"][0][0])
                    for item in items if item.get("author"))
    n = len(items)
    print(f"{n} items", file=stream)
    print("types: " + ", ".join(f"{t} {c / n:.0%}" for t, c in types.most_common()), file=stream)
    print("languages: " + ", ".join(f"{t} {c / n:.0%}" for t, c in langs.most_common()), file=stream)
    print("authors: " + ", ".join(f"{k}:{authors[k]}" for k in sorted(authors)), file=stream)
    print(f"organisation authors: {literal}; same authors+year groups: "
          f"{sum(1 for c in pairs.values() if c > 1)}", file=stream)


if __name__ == "__main__":
    sys.exit(main())
