"""La Tregua's catalogue as plain data, loaded by `python manage.py seed_demo`.

Every text here is written in this project's own words from the facts in
la-tregua-facts.md. Anything the facts do not give (a screening's time or
venue, a contact address) is marked as a sample where the public sees it.
"""

import datetime

SAMPLE_NOTE = "Sample for the demo: the exact time and venue are not on record."

FILM = {
    "slug": "la-tregua",
    "title": "La Tregua",
    "english_title": "The Truce",
    "kind": "feature",
    "genres": "Drama, historical",
    "logline": (
        "In a Soviet labour camp on the Kazakh steppe, a Republican captain and a Nationalist "
        "lieutenant, enemies in Spain's civil war, call a truce to stay alive."
    ),
    "synopsis": (
        "Karaganda, Kazakhstan, in the 1940s. Karlag, one of the largest camps of the Soviet "
        "Gulag, holds prisoners from every corner of the USSR and from abroad. Among them is "
        "Reyes, a captain of the Spanish Republican air force who went into exile in the Soviet "
        "Union with his men when the civil war was lost, and who was branded a traitor the moment "
        "they asked to go home.\n\n"
        "Then Salgado arrives: a Nationalist lieutenant, captured on the Eastern Front with "
        "soldiers of the Blue Division. The Republicans have not forgotten which side he fought "
        "on, and the newcomers pay for it. Cold, hunger and the guards will finish them all, "
        "though, unless the two officers stop fighting the war they lost and make a truce.\n\n"
        "What begins as a pact to survive becomes a friendship, and in time a plan to escape. "
        "A Kazakh intellectual held in the same camp becomes their ally; Aisulu, a free-spirited "
        "Kazakh woman, becomes Reyes's great love; and a Kazakh family living near the wire "
        "welcomes the prisoners to its table as guests of honour. The story reaches from the "
        "1940s through the 1950s to the 1980s."
    ),
    "based_on": "Inspired by real events; the characters are fictional.",
    "year": 2025,
    "runtime_minutes": 150,
    "countries": ["ES", "KZ"],
    "spoken_languages": ["es", "kk", "ru"],
    "press_contact": "Sample contact for the demo: Press office, press@example.org",
}

PEOPLE = [
    {
        "slug": "miguel-angel-vivas",
        "name": "Miguel Ángel Vivas",
        "cyrillic_name": "Мигель Анхель Вивас",
        "also_known_as": "Miguel Ángel Vivas Moreno",
        "nationality": "ES",
        "known_for": "Money Heist, Extinction, Kidnapped (Secuestrados), Inside",
        "bio": (
            "Miguel Ángel Vivas is a Spanish director and screenwriter. His work ranges from the "
            "home-invasion thriller Kidnapped (Secuestrados) and the horror remake Inside to the "
            "science-fiction film Extinction, starring Matthew Fox, and episodes of the series "
            "Money Heist (La Casa de Papel). His earlier films include Cicatriz and "
            "Desaparecidos.\n\n"
            "La Tregua, which he directed and co-wrote, took about seven years to bring to the "
            "screen."
        ),
    },
    {
        "slug": "miguel-herran",
        "name": "Miguel Herrán",
        "cyrillic_name": "Мигель Эрран",
        "nationality": "ES",
        "known_for": "Money Heist",
        "bio": (
            "Miguel Herrán is a Spanish actor known around the world as Río in Money Heist. In "
            "La Tregua he plays Reyes, a Republican air-force captain imprisoned in Karlag, and, "
            "like the other Spanish actors, speaks part of his role in Kazakh."
        ),
    },
    {
        "slug": "aron-piper",
        "name": "Arón Piper",
        "cyrillic_name": "Арон Пайпер",
        "nationality": "ES",
        "known_for": "Elite",
        "bio": (
            "Arón Piper is an actor best known for the Netflix series Elite. In La Tregua he "
            "plays Salgado, a lieutenant of the Nationalist army taken prisoner on the Eastern "
            "Front with soldiers of the Blue Division."
        ),
    },
    {
        "slug": "dina-tasbulatova",
        "name": "Dina Tasbulatova",
        "cyrillic_name": "Дина Тасбулатова",
        "nationality": "KZ",
        "known_for": "Alzhir",
        "bio": (
            "Dina Tasbulatova is a Kazakh actress. She appeared in the historical series Alzhir, "
            "about the women held at the Akmola camp, and plays the female lead in La Tregua: "
            "Aisulu, a strong and independent woman who falls in love with Reyes."
        ),
    },
    {
        "slug": "farabi-akkozov",
        "name": "Farabi Akkozov",
        "cyrillic_name": "Фараби Аккозов",
        "nationality": "KZ",
        "bio": (
            "Farabi Akkozov is a Kazakh actor who lives in Spain. In La Tregua he plays a Kazakh "
            "intellectual, a fellow prisoner who befriends the two Spanish officers."
        ),
    },
    {
        "slug": "sergey-ufimtsev",
        "name": "Sergey Ufimtsev",
        "cyrillic_name": "Сергей Уфимцев",
        "nationality": "KZ",
        "bio": "Sergey Ufimtsev is a Kazakh actor and a member of the cast of La Tregua.",
    },
    {
        "slug": "altynay-nogerbek",
        "name": "Altynay Nogerbek",
        "cyrillic_name": "Алтынай Нөгербек",
        "also_known_as": "Алтынай Ногербек",
        "nationality": "KZ",
        "bio": "Altynay Nogerbek is a Kazakh actress and a member of the cast of La Tregua.",
    },
    {
        "slug": "cesar-benitez",
        "name": "César Benítez",
        "bio": (
            "César Benítez is an executive producer of La Tregua. The film was his idea: he "
            "proposed it after the Spanish documentary known as The Forgotten of Karaganda."
        ),
    },
    {
        "slug": "emilio-a-pina",
        "name": "Emilio A. Pina",
        "bio": "Emilio A. Pina is an executive producer of La Tregua on the Spanish side.",
    },
    {
        "slug": "erlan-bekhozhin",
        "name": "Erlan Bekhozhin",
        "cyrillic_name": "Ерлан Бекхожин",
        "also_known_as": "Yerlan Bekhozhin",
        "nationality": "KZ",
        "bio": (
            "Erlan Bekhozhin (also spelled Yerlan Bekhozhin) is a Kazakh journalist and the "
            "film's Kazakh co-producer, credited as creative executive producer of La Tregua."
        ),
    },
]

# (person slug, role, role note, character, billing order)
CREDITS = [
    ("miguel-angel-vivas", "director", "", "", 1),
    ("miguel-angel-vivas", "writer", "with two co-writers", "", 2),
    ("miguel-herran", "cast", "", "Reyes", 3),
    ("aron-piper", "cast", "", "Salgado", 4),
    ("dina-tasbulatova", "cast", "", "Aisulu", 5),
    ("farabi-akkozov", "cast", "", "A Kazakh intellectual", 6),
    ("sergey-ufimtsev", "cast", "", "", 7),
    ("altynay-nogerbek", "cast", "", "", 8),
    ("cesar-benitez", "executive_producer", "", "", 9),
    ("emilio-a-pina", "executive_producer", "Spain", "", 10),
    ("erlan-bekhozhin", "executive_producer", "creative executive producer", "", 11),
    ("erlan-bekhozhin", "co_producer", "Kazakhstan", "", 12),
]

COMPANIES = [
    # (slug, name, country, role, territory)
    ("spassk-99-aie", "Spassk 99 AIE", "ES", "production", ""),
    ("amanat-capital", "Amanat Capital LTD", "KZ", "co_production", ""),
    ("umaifilm", "Umaifilm LLP", "KZ", "co_production", ""),
    ("netflix", "Netflix", "", "distribution", "Worldwide"),
]

OUTLETS = [
    # (slug, name, kind, country)
    ("the-astana-times", "The Astana Times", "newspaper", "KZ"),
    ("the-times-of-central-asia", "The Times of Central Asia", "online", "KZ"),
    ("efe", "EFE", "agency", "ES"),
    ("spanish-film-review", "Spanish film review (outlet not on record)", "online", "ES"),
]

# (speaker slug, text, outlet slug)
QUOTES = [
    ("miguel-angel-vivas", "It's a movie about consolation between people.", "the-astana-times"),
    ("miguel-angel-vivas", "The movie is about empathy.", "the-astana-times"),
    (
        "miguel-angel-vivas",
        "We are the land we walk on, and we are our principles.",
        "the-times-of-central-asia",
    ),
    ("erlan-bekhozhin", "There is always a way to negotiate.", "the-times-of-central-asia"),
    (
        "emilio-a-pina",
        "Ideologies must never become an obstacle to human understanding.",
        "efe",
    ),
    (
        "dina-tasbulatova",
        "She's a strong, independent woman, not just a victim of the times.",
        "the-astana-times",
    ),
]

COVERAGE = [
    {
        "outlet": "the-times-of-central-asia",
        "headline": "Interview with Miguel Ángel Vivas on La Tregua",
        "kind": "interview",
        "language": "en",
        "published_on": datetime.date(2025, 1, 1),
        "date_precision": "year",
        "summary": (
            "Autumn 2025. The director talks about the set built in Biscay, a polarised world "
            "and working with the Kazakh cast."
        ),
    },
    {
        "outlet": "the-times-of-central-asia",
        "headline": "The Kazakh co-producer on La Tregua's release",
        "kind": "feature",
        "language": "en",
        "published_on": datetime.date(2025, 1, 1),
        "date_precision": "year",
        "summary": (
            "After the October 2025 release: how the film was received in both countries, "
            "Kazakh hospitality, and the replica of Karlag built near Bilbao."
        ),
    },
    {
        "outlet": "the-astana-times",
        "headline": "La Tregua's first look at Comic Con Astana",
        "kind": "news",
        "language": "en",
        "published_on": datetime.date(2025, 7, 1),
        "date_precision": "month",
        "summary": "The director and the female lead present the film at Comic Con Astana.",
    },
    {
        "outlet": "efe",
        "headline": "La Tregua llega a San Sebastián tras un rodaje accidentado",
        "author": "Kulpash Konyrova",
        "kind": "news",
        "language": "es",
        "published_on": datetime.date(2025, 8, 5),
        "date_precision": "day",
        "summary": (
            "Filed from Astana, in Spanish and English: the film's selection for San Sebastián "
            "and the obstacles of its shoot."
        ),
    },
    {
        "outlet": "spanish-film-review",
        "headline": "Crítica de La Tregua",
        "kind": "review",
        "language": "es",
        "published_on": datetime.date(2025, 1, 1),
        "date_precision": "year",
        "summary": (
            "Praises the second half and Miguel Herrán's performance; finds the first hour slow."
        ),
    },
]

FESTIVALS = [
    {
        "slug": "comic-con-astana",
        "name": "Comic Con Astana",
        "short_name": "Comic Con Astana",
        "city": "Astana",
        "country": "KZ",
        "press_url": "https://press.example.org/comic-con-astana/",  # a sample address
        "description": "Kazakhstan's comic, film and pop-culture convention, held in Astana.",
        "edition": {
            "year": 2025,
            "number": None,
            "starts_on": "2025-07-12",
            "ends_on": "2025-07-12",
        },
    },
    {
        "slug": "san-sebastian",
        "name": "San Sebastián International Film Festival",
        "short_name": "San Sebastián",
        "city": "San Sebastián",
        "country": "ES",
        "press_url": "https://press.example.org/san-sebastian/",  # a sample address
        "description": (
            "Spain's leading international film festival, held every September in San "
            "Sebastián (Donostia)."
        ),
        "edition": {"year": 2025, "number": 73, "starts_on": "2025-09-19", "ends_on": "2025-09-27"},
    },
]

VENUES = [
    {
        "slug": "comic-con-astana-main-stage",
        "name": "Comic Con Astana main stage (sample venue)",
        "city": "Astana",
        "country": "KZ",
        "time_zone": "Asia/Almaty",
    },
    {
        "slug": "kursaal-san-sebastian",
        "name": "Kursaal",
        "city": "San Sebastián",
        "country": "ES",
        "time_zone": "Europe/Madrid",
    },
]

# Local wall-clock times; the loader makes them aware in the venue's zone.
SCREENINGS = [
    {
        "festival": "comic-con-astana",
        "venue": "comic-con-astana-main-stage",
        "kind": "first_look",
        "title": "Exclusive first look",
        "local_start": "2025-07-12 18:00",
        "notes": f"The first public screening of footage from the film. {SAMPLE_NOTE}",
    },
    {
        "festival": "san-sebastian",
        "venue": "kursaal-san-sebastian",
        "kind": "press",
        "title": "Press screening",
        "local_start": "2025-09-20 09:00",
        "seats": 80,
        "bookable_by": "edition",
        "notes": (
            "For journalists accredited for the festival, on the morning of the premiere. "
            "Sample time and seats: the press screening's details are not on record."
        ),
    },
    {
        "festival": "san-sebastian",
        "venue": "kursaal-san-sebastian",
        "kind": "world_premiere",
        "title": "Festival premiere",
        "local_start": "2025-09-20 21:00",
        "notes": f"The film's festival premiere. {SAMPLE_NOTE}",
    },
    {
        "festival": None,
        "venue": None,
        "kind": "theatrical_release",
        "title": "In cinemas in Spain",
        "country": "ES",
        "time_zone": "Europe/Madrid",
        "local_start": "2025-10-01 00:00",
        "notes": "Released in October 2025. Sample date: the exact day is not on record.",
    },
    {
        "festival": None,
        "venue": None,
        "kind": "theatrical_release",
        "title": "In cinemas in Kazakhstan",
        "country": "KZ",
        "time_zone": "Asia/Almaty",
        "local_start": "2025-10-01 00:00",
        "notes": "Released in October 2025. Sample date: the exact day is not on record.",
    },
]

# Reviews embargoed until the start of the festival premiere (a sample: not on record).
REVIEWS_EMBARGO_FROM = "world_premiere"

AWARD = {
    "festival": "san-sebastian",
    "name": "Special award",
    "result": "special",
    "notes": "Given to La Tregua at the festival where it premiered.",
}

PRESS_RELEASES = [
    {
        "slug": "la-tregua-first-look-comic-con-astana",
        "title": "First look at La Tregua at Comic Con Astana",
        "dateline": "Astana",
        "first_published_at": "2025-07-12T09:00:00+00:00",
        "summary": (
            "Audiences in Astana saw the first footage of La Tregua, the first Spanish-Kazakh "
            "co-production of its kind, presented by director Miguel Ángel Vivas and actress "
            "Dina Tasbulatova."
        ),
        "body": (
            "Comic Con Astana hosted the first public screening of footage from La Tregua (The "
            "Truce), the drama that brings together film-makers from Spain and Kazakhstan.\n\n"
            "Directed by Miguel Ángel Vivas, known for his work on Money Heist, the film follows "
            "two Spanish officers from opposite sides of the civil war who meet again as prisoners "
            "of Karlag, the Soviet labour camp near Karaganda, and choose a truce over revenge.\n\n"
            "Miguel Herrán plays the Republican captain Reyes and Arón Piper the Nationalist "
            "lieutenant Salgado. Dina Tasbulatova, who presented the film with the director, plays "
            "Aisulu. The Spanish actors speak part of their lines in Kazakh."
        ),
    },
    {
        "slug": "la-tregua-san-sebastian-2025",
        "title": "La Tregua selected for the 73rd San Sebastián International Film Festival",
        "dateline": "San Sebastián",
        "first_published_at": "2025-08-05T10:00:00+00:00",
        "summary": (
            "Miguel Ángel Vivas's La Tregua will have its festival premiere at San Sebastián, "
            "held from 19 to 27 September 2025."
        ),
        "body": (
            "La Tregua (The Truce) has been selected for the 73rd San Sebastián International "
            "Film Festival, which runs from 19 to 27 September 2025.\n\n"
            "The film was shot on a set of about 4,000 square metres built over almost six months "
            "in Dima, a village in Biscay near Bilbao, which recreates the Karlag camp. The "
            "production had planned to shoot in Kazakhstan, but the pandemic and then the events "
            "of January 2022 made it impossible to insure a shoot there.\n\n"
            "La Tregua is produced by Spassk 99 AIE with Amanat Capital and Umaifilm, and is the "
            "first Kazakh production to be distributed worldwide by Netflix."
        ),
    },
    {
        "slug": "la-tregua-in-cinemas-october-2025",
        "title": "La Tregua opens in cinemas in Spain and Kazakhstan in October",
        "dateline": "Madrid",
        "first_published_at": "2025-09-29T08:00:00+00:00",
        "summary": (
            "After its premiere at San Sebastián, where it received a special award, La Tregua "
            "reaches cinemas in Spain and Kazakhstan in October 2025, with Netflix to follow."
        ),
        "body": (
            "La Tregua (The Truce), directed by Miguel Ángel Vivas, opens in cinemas in Spain and "
            "Kazakhstan in October 2025, after a festival premiere in San Sebastián where the film "
            "received a special award.\n\n"
            "The story of two enemies who become friends in a Soviet camp was seven years in the "
            "making. It grew from an idea by producer César Benítez, inspired by the Spanish "
            "documentary known as The Forgotten of Karaganda.\n\n"
            "Netflix is expected to bring the film to audiences worldwide in 2026."
        ),
    },
]
