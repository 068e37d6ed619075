"""The demo catalogue's texts in Spanish, Kazakh and Russian, written from la-tregua-facts.md.

Keyed like la_tregua.py (and pictures.py for the pictures and their terms). Every leaf is a
dict {"es": ..., "kk": ..., "ru": ...}. Film titles inside texts: es «La Tregua», kk «Бітім»,
ru «Перемирие». Names in kk and ru follow PEOPLE's cyrillic_name.
"""

FILM = {
    "genres": {"es": "Drama, histórico", "kk": "Драма, тарихи", "ru": "Драма, исторический"},
    "based_on": {
        "es": "Inspirada en hechos reales; los personajes son ficticios.",
        "kk": "Шынайы оқиғалар желісімен түсірілген; кейіпкерлер ойдан алынған.",
        "ru": "По мотивам реальных событий; персонажи вымышлены.",
    },
    "press_contact": {
        "es": "Contacto de ejemplo para la demo: Oficina de prensa, press@example.org",
        "kk": "Демоға арналған үлгі байланыс: Баспасөз қызметі, press@example.org",
        "ru": "Пример контакта для демо: Пресс-служба, press@example.org",
    },
    # In Spain it keeps its original title.
    "title": {"es": "La Tregua", "kk": "Бітім", "ru": "Перемирие"},
    "logline": {
        "es": (
            "En un campo de trabajo soviético de la estepa kazaja, un capitán republicano y un "
            "teniente del bando nacional, enemigos en la Guerra Civil española, sellan una tregua "
            "para seguir con vida."
        ),
        "kk": (
            "Қазақ даласындағы кеңестік еңбек лагерінде Испаниядағы азамат соғысында жау болған "
            "республикашыл капитан мен франкошыл лейтенант аман қалу үшін бітімге келеді."
        ),
        "ru": (
            "В советском трудовом лагере в казахской степи республиканский капитан и "
            "лейтенант-франкист, враги в гражданской войне в Испании, заключают перемирие, чтобы "
            "выжить."
        ),
    },
    "synopsis": {
        "es": (
            "Karaganda, Kazajistán, años cuarenta. El Karlag, uno de los mayores campos del Gulag "
            "soviético, reúne a presos llegados de todos los rincones de la URSS y del extranjero. "
            "Entre ellos está Reyes, capitán de la aviación republicana española, que se exilió en "
            "la Unión Soviética con sus hombres cuando se perdió la guerra civil y que fue tachado "
            "de traidor en cuanto pidieron volver a casa.\n\n"
            "Entonces llega Salgado, teniente del bando nacional capturado en el frente oriental "
            "junto a soldados de la División Azul. Los republicanos no han olvidado en qué bando "
            "luchó, y los recién llegados lo pagan caro. Pero el frío, el hambre y los guardias "
            "acabarán con todos si los dos oficiales no dejan de librar la guerra que ya perdieron "
            "y firman una tregua.\n\n"
            "Lo que empieza como un pacto para sobrevivir se convierte en amistad y, con el "
            "tiempo, en un plan de fuga. Un intelectual kazajo preso en el mismo campo se "
            "convierte en su aliado; Aisulu, una mujer kazaja de espíritu libre, en el gran amor "
            "de Reyes; y una familia kazaja que vive junto a la alambrada acoge a los presos en su "
            "mesa como invitados de honor. La historia abarca desde los años cuarenta, pasando por "
            "los cincuenta, hasta los ochenta."
        ),
        "kk": (
            "Қарағанды, Қазақстан, 1940 жылдар. Карлаг — кеңестік ГУЛАГ-тың ең ірі лагерлерінің "
            "бірі. Мұнда КСРО-ның түкпір-түкпірінен және шетелден әкелінген тұтқындар ұсталады. "
            "Солардың бірі — Испания Республикасы әуе күштерінің капитаны Рейес. Азамат соғысында "
            "жеңілген соң ол өз адамдарымен бірге Кеңес Одағына ауып барған, ал олар елге қайтуға "
            "рұқсат сұраған сәтте-ақ сатқын атанған.\n\n"
            "Сосын лагерьге Сальгадо келеді: Шығыс майданда «Көк дивизияның» сарбаздарымен бірге "
            "тұтқынға түскен франкошыл лейтенант. Республикашылдар оның қай жақта соғысқанын "
            "ұмытпаған, жаңадан келгендер соның зардабын тартады. Алайда екі офицер әлдеқашан "
            "жеңілген соғысын жалғастыруды доғарып, бітімге келмесе, суық, аштық пен күзетшілер "
            "олардың бәрін құртып жібереді.\n\n"
            "Аман қалу үшін жасалған келісім біртіндеп достыққа, уақыт өте келе қашу жоспарына "
            "ұласады. Сол лагерьде тұтқында отырған қазақ зиялысы оларға одақтас болады; еркін "
            "рухты қазақ әйелі Айсұлу Рейестің ұлы махаббатына айналады; ал тікенек сымның "
            "іргесінде тұратын қазақ отбасы тұтқындарды құрметті қонақ ретінде дастарханына "
            "шақырады. Оқиға 1940 жылдардан 1950 жылдар арқылы 1980 жылдарға дейін созылады."
        ),
        "ru": (
            "Караганда, Казахстан, 1940-е годы. В Карлаге, одном из крупнейших лагерей советского "
            "ГУЛАГа, содержатся заключённые со всех концов СССР и из-за границы. Среди них — "
            "Рейес, капитан республиканских ВВС Испании: после поражения в гражданской войне он "
            "вместе со своими людьми эмигрировал в Советский Союз, а как только они попросились "
            "домой, его объявили предателем.\n\n"
            "И тут в лагерь прибывает Сальгадо — лейтенант-франкист, взятый в плен на Восточном "
            "фронте вместе с солдатами «Голубой дивизии». Республиканцы не забыли, на чьей стороне "
            "он воевал, и новичкам приходится за это расплачиваться. Но холод, голод и охрана "
            "прикончат всех, если два офицера не перестанут вести давно проигранную войну и не "
            "заключат перемирие.\n\n"
            "То, что начиналось как договор ради выживания, перерастает в дружбу, а со временем — "
            "в план побега. Их союзником становится казахский интеллигент, заключённый того же "
            "лагеря; Айсулу, свободолюбивая казашка, становится большой любовью Рейеса; а "
            "казахская семья, живущая у самой колючей проволоки, принимает заключённых за своим "
            "столом как почётных гостей. Действие охватывает 1940-е, 1950-е и 1980-е годы."
        ),
    },
}

# person slug -> field -> translations; every person in la_tregua.PEOPLE with a bio
PEOPLE = {
    "miguel-angel-vivas": {
        "bio": {
            "es": (
                "Miguel Ángel Vivas es un director y guionista español. Su trabajo abarca desde el "
                "thriller de allanamiento de morada «Secuestrados» y el remake de terror «Inside» "
                "hasta la película de ciencia ficción «Extinction», protagonizada por Matthew Fox, "
                "y episodios de la serie «La casa de papel». Entre sus películas anteriores "
                "figuran «Cicatriz» y «Desaparecidos».\n\n"
                "«La Tregua», que dirigió y coescribió, tardó unos siete años en llegar a la "
                "pantalla."
            ),
            "kk": (
                "Мигель Анхель Вивас — испан режиссері әрі сценарист. Оның шығармашылығы үйге "
                "басып кіру туралы «Secuestrados» триллері мен «Inside» қорқынышты фильмінің "
                "римейкінен бастап Мэттью Фокс басты рөлді сомдаған «Extinction» "
                "ғылыми-фантастикалық фильміне және «Қағаз үй» сериалының эпизодтарына дейін "
                "қамтиды. Алғашқы фильмдерінің қатарында «Cicatriz» пен «Desaparecidos» бар.\n\n"
                "Өзі түсіріп, сценарийін бірлесіп жазған «Бітім» фильмі экранға жеткенше шамамен "
                "жеті жыл өтті."
            ),
            "ru": (
                "Мигель Анхель Вивас — испанский режиссёр и сценарист. В его фильмографии — от "
                "триллера о вторжении в дом «Secuestrados» и хоррор-ремейка «Inside» до "
                "научно-фантастического фильма «Extinction» с Мэттью Фоксом в главной роли и "
                "эпизодов сериала «Бумажный дом». Среди его ранних работ — «Cicatriz» и "
                "«Desaparecidos».\n\n"
                "«Перемирие», которое Вивас снял по сценарию, написанному им в соавторстве, шло к "
                "экрану около семи лет."
            ),
        },
    },
    "miguel-herran": {
        "bio": {
            "es": (
                "Miguel Herrán es un actor español conocido en todo el mundo por su papel de Río "
                "en «La casa de papel». En «La Tregua» interpreta a Reyes, capitán de la aviación "
                "republicana preso en el Karlag, y, como el resto de los actores españoles, dice "
                "parte de su papel en kazajo."
            ),
            "kk": (
                "Мигель Эрран — «Қағаз үй» сериалындағы Рио рөлімен бүкіл әлемге танымал испан "
                "актері. «Бітім» фильмінде ол Карлагта тұтқында отырған республикашыл әуе "
                "күштерінің капитаны Рейесті ойнайды және басқа испан актерлері сияқты рөлінің бір "
                "бөлігін қазақ тілінде сөйлейді."
            ),
            "ru": (
                "Мигель Эрран — испанский актёр, известный во всём мире по роли Рио в «Бумажном "
                "доме». В «Перемирии» он играет Рейеса, капитана республиканских ВВС, заключённого "
                "Карлага, и, как и другие испанские актёры, часть роли произносит на казахском "
                "языке."
            ),
        },
    },
    "aron-piper": {
        "bio": {
            "es": (
                "Arón Piper es un actor conocido sobre todo por la serie de Netflix «Élite». En "
                "«La Tregua» interpreta a Salgado, teniente del bando nacional hecho prisionero en "
                "el frente oriental junto a soldados de la División Azul."
            ),
            "kk": (
                "Арон Пайпер — Netflix-тің «Элита» сериалымен кеңінен танымал актер. «Бітім» "
                "фильмінде ол Шығыс майданда «Көк дивизияның» сарбаздарымен бірге тұтқынға түскен "
                "франкошылдар армиясының лейтенанты Сальгадоны ойнайды."
            ),
            "ru": (
                "Арон Пайпер — актёр, наиболее известный по сериалу Netflix «Элита». В «Перемирии» "
                "он играет Сальгадо, лейтенанта франкистской армии, попавшего в плен на Восточном "
                "фронте вместе с солдатами «Голубой дивизии»."
            ),
        },
    },
    "dina-tasbulatova": {
        "bio": {
            "es": (
                "Dina Tasbulatova es una actriz kazaja. Participó en la serie histórica «Alzhir», "
                "sobre las mujeres recluidas en el campo de Akmola, y es la protagonista femenina "
                "de «La Tregua»: Aisulu, una mujer fuerte e independiente que se enamora de Reyes."
            ),
            "kk": (
                "Дина Тасбулатова — қазақ актрисасы. Ол Ақмола лагерінде ұсталған әйелдер туралы "
                "«АЛЖИР» тарихи сериалында ойнады, ал «Бітім» фильмінде басты әйел рөлін — Рейеске "
                "ғашық болатын қайсар әрі тәуелсіз әйел Айсұлуды сомдайды."
            ),
            "ru": (
                "Дина Тасбулатова — казахстанская актриса. Она снялась в историческом сериале "
                "«АЛЖИР» о женщинах, содержавшихся в Акмолинском лагере, а в «Перемирии» исполняет "
                "главную женскую роль — Айсулу, сильную и независимую женщину, которая влюбляется "
                "в Рейеса."
            ),
        },
    },
    "farabi-akkozov": {
        "bio": {
            "es": (
                "Farabi Akkozov es un actor kazajo que vive en España. En «La Tregua» interpreta a "
                "un intelectual kazajo, compañero de cautiverio que traba amistad con los dos "
                "oficiales españoles."
            ),
            "kk": (
                "Фараби Аккозов — Испанияда тұратын қазақ актері. «Бітім» фильмінде ол екі испан "
                "офицерімен достасып кететін тұтқын серігі — қазақ зиялысын ойнайды."
            ),
            "ru": (
                "Фараби Аккозов — казахстанский актёр, живущий в Испании. В «Перемирии» он играет "
                "казахского интеллигента, товарища по заключению, который становится другом двух "
                "испанских офицеров."
            ),
        },
    },
    "sergey-ufimtsev": {
        "bio": {
            "es": "Sergey Ufimtsev es un actor kazajo que forma parte del reparto de «La Tregua».",
            "kk": (
                "Сергей Уфимцев — қазақстандық актер, «Бітім» фильмінің актерлік құрамына кірген."
            ),
            "ru": "Сергей Уфимцев — казахстанский актёр, входит в актёрский состав «Перемирия».",
        },
    },
    "altynay-nogerbek": {
        "bio": {
            "es": (
                "Altynay Nogerbek es una actriz kazaja que forma parte del reparto de «La Tregua»."
            ),
            "kk": "Алтынай Нөгербек — қазақ актрисасы, «Бітім» фильмінің актерлік құрамына кірген.",
            "ru": (
                "Алтынай Нөгербек — казахстанская актриса, входит в актёрский состав «Перемирия»."
            ),
        },
    },
    "cesar-benitez": {
        "bio": {
            "es": (
                "César Benítez es productor ejecutivo de «La Tregua». La película fue idea suya: "
                "la propuso a raíz del documental español conocido como «Los olvidados de "
                "Karaganda»."
            ),
            "kk": (
                "Сесар Бенитес — «Бітім» фильмінің атқарушы продюсері. Фильм — оның идеясы: ол "
                "«Қарағандыда ұмытылғандар» деген атпен белгілі испан деректі фильмінен шабыт "
                "алып, осы жобаны ұсынған."
            ),
            "ru": (
                "Сесар Бенитес — исполнительный продюсер «Перемирия». Фильм был его идеей: он "
                "предложил его под впечатлением от испанского документального фильма, известного "
                "как «Забытые в Караганде»."
            ),
        },
    },
    "emilio-a-pina": {
        "bio": {
            "es": "Emilio A. Pina es productor ejecutivo de «La Tregua» por la parte española.",
            "kk": "Эмилио А. Пина — «Бітім» фильмінің испан тарапынан атқарушы продюсері.",
            "ru": "Эмилио А. Пина — исполнительный продюсер «Перемирия» с испанской стороны.",
        },
    },
    "erlan-bekhozhin": {
        "bio": {
            "es": (
                "Erlan Bekhozhin (también escrito Yerlan Bekhozhin) es un periodista kazajo y el "
                "coproductor kazajo de la película, que figura en los créditos de «La Tregua» como "
                "productor ejecutivo creativo."
            ),
            "kk": (
                "Ерлан Бекхожин (латын әрпімен Erlan Bekhozhin және Yerlan Bekhozhin деп екі түрлі "
                "жазылады) — қазақ журналисі әрі фильмнің қазақстандық бірлескен продюсері; "
                "«Бітім» фильмінің титрларында шығармашылық атқарушы продюсер ретінде көрсетілген."
            ),
            "ru": (
                "Ерлан Бекхожин (латиницей пишется и Erlan, и Yerlan Bekhozhin) — казахстанский "
                "журналист и сопродюсер фильма с казахстанской стороны; в титрах «Перемирия» "
                "указан как креативный исполнительный продюсер."
            ),
        },
    },
}

# a cast credit's character -> its name or description in each language
CHARACTERS = {
    "Reyes": {"es": "Reyes", "kk": "Рейес", "ru": "Рейес"},
    "Salgado": {"es": "Salgado", "kk": "Сальгадо", "ru": "Сальгадо"},
    "Aisulu": {"es": "Aisulu", "kk": "Айсұлу", "ru": "Айсулу"},
    "A Kazakh intellectual": {
        "es": "Un intelectual kazajo",
        "kk": "Қазақ зиялысы",
        "ru": "Казахский интеллигент",
    },
}
# a company credit's territory -> translations
TERRITORIES = {"Worldwide": {"es": "en todo el mundo", "kk": "бүкіл әлемде", "ru": "по всему миру"}}
# a clipping's headline, exactly as in la_tregua.COVERAGE -> its summary's translations
COVERAGE = {
    "Interview with Miguel Ángel Vivas on La Tregua": {
        "summary": {
            "es": (
                "Otoño de 2025. El director habla del decorado construido en Bizkaia, de un mundo "
                "polarizado y del trabajo con el reparto kazajo."
            ),
            "kk": (
                "2025 жылдың күзі. Режиссер Бискайда салынған декорация, екіге жарылған әлем және "
                "қазақ актерлерімен жұмыс туралы айтады."
            ),
            "ru": (
                "Осень 2025 года. Режиссёр рассказывает о декорациях, построенных в Бискайе, о "
                "расколотом мире и о работе с казахскими актёрами."
            ),
        }
    },
    "The Kazakh co-producer on La Tregua's release": {
        "summary": {
            "es": (
                "Tras el estreno de octubre de 2025: cómo se recibió la película en los dos "
                "países, la hospitalidad kazaja y la réplica del Karlag construida cerca de Bilbao."
            ),
            "kk": (
                "2025 жылғы қазандағы прокаттан кейін: фильмді екі елде қалай қабылдады, қазақтың "
                "қонақжайлығы және Бильбао маңында салынған Карлагтың көшірмесі."
            ),
            "ru": (
                "После выхода в прокат в октябре 2025 года: как фильм приняли в обеих странах, "
                "казахское гостеприимство и копия Карлага, построенная под Бильбао."
            ),
        }
    },
    "La Tregua's first look at Comic Con Astana": {
        "summary": {
            "es": "El director y la protagonista presentan la película en la Comic Con Astana.",
            "kk": "Режиссер мен басты рөлдегі актриса фильмді Comic Con Astana-да таныстырады.",
            "ru": "Режиссёр и исполнительница главной роли представляют фильм на Comic Con Astana.",
        }
    },
    "La Tregua llega a San Sebastián tras un rodaje accidentado": {
        "summary": {
            "es": (
                "Desde Astaná, en español e inglés: la selección de la película para San "
                "Sebastián y los obstáculos de su rodaje."
            ),
            "kk": (
                "Астанадан, испан және ағылшын тілдерінде: фильмнің Сан-Себастьянға іріктелуі "
                "және түсірілімдегі қиындықтар."
            ),
            "ru": (
                "Из Астаны, на испанском и английском: отбор фильма в Сан-Себастьян и трудности "
                "съёмок."
            ),
        }
    },
    "Crítica de La Tregua": {
        "summary": {
            "es": (
                "Elogia la segunda mitad y la interpretación de Miguel Herrán; la primera hora "
                "se le hace lenta."
            ),
            "kk": (
                "Фильмнің екінші жартысы мен Мигель Эрранның ойынын мақтайды; алғашқы сағатты "
                "баяу деп санайды."
            ),
            "ru": (
                "Хвалит вторую половину фильма и игру Мигеля Эррана; первый час находит затянутым."
            ),
        }
    },
}
# (person slug, role) -> translations of the CREDITS row's role note
CREDIT_NOTES = {
    ("miguel-angel-vivas", "writer"): {
        "es": "con dos coguionistas",
        "kk": "тағы екі сценаристпен бірлесіп",
        "ru": "в соавторстве с двумя сценаристами",
    },
    ("emilio-a-pina", "executive_producer"): {"es": "España", "kk": "Испания", "ru": "Испания"},
    ("erlan-bekhozhin", "executive_producer"): {
        "es": "productor ejecutivo creativo",
        "kk": "шығармашылық атқарушы продюсер",
        "ru": "креативный исполнительный продюсер",
    },
    ("erlan-bekhozhin", "co_producer"): {"es": "Kazajistán", "kk": "Қазақстан", "ru": "Казахстан"},
}

# the English quote exactly as in la_tregua.QUOTES -> its translations
QUOTES = {
    "It's a movie about consolation between people.": {
        "es": "Es una película sobre el consuelo entre las personas.",
        "kk": "Бұл — адамдардың бір-біріне жұбаныш болуы туралы фильм.",
        "ru": "Это фильм о том, как люди утешают друг друга.",
    },
    "The movie is about empathy.": {
        "es": "La película trata de la empatía.",
        "kk": "Фильм — адамның адамға жанашырлығы туралы.",
        "ru": "Это фильм об эмпатии.",
    },
    "We are the land we walk on, and we are our principles.": {
        "es": "Somos la tierra que pisamos y somos nuestros principios.",
        "kk": "Біз — басып жүрген жерімізбіз, біз — өз ұстанымдарымызбыз.",
        "ru": "Мы — это земля, по которой ходим, и мы — это наши принципы.",
    },
    "There is always a way to negotiate.": {
        "es": "Siempre hay una manera de negociar.",
        "kk": "Келіссөзге келудің жолы әрқашан табылады.",
        "ru": "Всегда есть способ договориться.",
    },
    "Ideologies must never become an obstacle to human understanding.": {
        "es": (
            "Las ideologías nunca deben convertirse en un obstáculo para el entendimiento humano."
        ),
        "kk": "Идеология ешқашан адамдардың бір-бірін түсінуіне кедергі болмауы керек.",
        "ru": (
            "Идеологии никогда не должны становиться препятствием для взаимопонимания между людьми."
        ),
    },
    "She's a strong, independent woman, not just a victim of the times.": {
        "es": "Es una mujer fuerte e independiente, no solo una víctima de su época.",
        "kk": "Ол — заманның құрбаны ғана емес, қайсар, тәуелсіз әйел.",
        "ru": "Она сильная, независимая женщина, а не просто жертва своего времени.",
    },
}

# festival slug -> field -> translations
# The cities screenings are said to be in ("18:00 время Астана"), by venue.
VENUES = {
    "comic-con-astana-main-stage": {"city": {"es": "Astaná", "kk": "Астана", "ru": "Астана"}},
    "kursaal-san-sebastian": {
        "city": {"es": "San Sebastián", "kk": "Сан-Себастьян", "ru": "Сан-Себастьян"}
    },
}

FESTIVALS = {
    "comic-con-astana": {
        "description": {
            "es": (
                "La convención de cómic, cine y cultura pop de Kazajistán, que se celebra en "
                "Astaná."
            ),
            "kk": "Астанада өтетін Қазақстанның комикс, кино және поп-мәдениет фестивалі.",
            "ru": "Казахстанский фестиваль комиксов, кино и поп-культуры, проходящий в Астане.",
        },
    },
    "san-sebastian": {
        "description": {
            "es": (
                "El principal festival internacional de cine de España, que se celebra cada "
                "septiembre en San Sebastián (Donostia)."
            ),
            "kk": (
                "Испаниядағы ең беделді халықаралық кинофестиваль; жыл сайын қыркүйекте "
                "Сан-Себастьянда (Доностия) өтеді."
            ),
            "ru": (
                "Главный международный кинофестиваль Испании, ежегодно проходящий в сентябре в "
                "Сан-Себастьяне (Доностии)."
            ),
        },
    },
}


# The note of both releases in cinemas (la_tregua.SCREENINGS says it twice too).
RELEASED_IN_OCTOBER = {
    "es": "Estrenada en octubre de 2025. Fecha de ejemplo para la demo: no consta el día exacto.",
    "kk": (
        "2025 жылғы қазанда прокатқа шықты. Күні — демо нұсқаға арналған үлгі: нақты күні "
        "туралы дерек жоқ."
    ),
    "ru": (
        "Вышел в прокат в октябре 2025 года. Дата — пример для демоверсии: точный день неизвестен."
    ),
}
# the screening's English title exactly as in la_tregua.SCREENINGS -> field -> translations
SCREENINGS = {
    "Exclusive first look": {
        "title": {
            "es": "Primer avance exclusivo",
            "kk": "Эксклюзивті алғашқы көрсетілім",
            "ru": "Эксклюзивный первый показ",
        },
        "notes": {
            "es": (
                "La primera proyección pública de imágenes de la película. Ejemplo para la demo: "
                "no constan la hora ni el lugar exactos."
            ),
            "kk": (
                "Фильм кадрларының көпшілікке алғаш рет көрсетілуі. Демо нұсқаға арналған үлгі: "
                "нақты уақыты мен орны туралы дерек жоқ."
            ),
            "ru": (
                "Первый публичный показ фрагментов фильма. Пример для демоверсии: данных о точном "
                "времени и месте нет."
            ),
        },
    },
    "Press screening": {
        "title": {
            "es": "Pase de prensa",
            "kk": "Баспасөзге арналған көрсетілім",
            "ru": "Пресс-показ",
        },
        "notes": {
            "es": (
                "Para periodistas acreditados en el festival, la mañana del estreno. Hora y aforo "
                "de ejemplo para la demo: no constan los detalles del pase de prensa."
            ),
            "kk": (
                "Фестивальде аккредиттелген журналистерге арналған, премьера күні таңертең өтеді. "
                "Уақыты мен орын саны — демо нұсқаға арналған үлгі: баспасөз көрсетілімі туралы "
                "толық дерек жоқ."
            ),
            "ru": (
                "Для журналистов, аккредитованных на фестивале, утром в день премьеры. Время и "
                "число мест — пример для демоверсии: подробных данных о пресс-показе нет."
            ),
        },
    },
    "Festival premiere": {
        "title": {
            "es": "Estreno en el festival",
            "kk": "Фестивальдік премьера",
            "ru": "Фестивальная премьера",
        },
        "notes": {
            "es": (
                "El estreno de la película en el festival. Ejemplo para la demo: no constan la "
                "hora ni el lugar exactos."
            ),
            "kk": (
                "Фильмнің фестивальдік премьерасы. Демо нұсқаға арналған үлгі: нақты уақыты мен "
                "орны туралы дерек жоқ."
            ),
            "ru": (
                "Фестивальная премьера фильма. Пример для демоверсии: данных о точном времени и "
                "месте нет."
            ),
        },
    },
    "In cinemas in Spain": {
        "title": {
            "es": "En cines en España",
            "kk": "Испания кинотеатрларында",
            "ru": "В кинотеатрах Испании",
        },
        "notes": RELEASED_IN_OCTOBER,
    },
    "In cinemas in Kazakhstan": {
        "title": {
            "es": "En cines en Kazajistán",
            "kk": "Қазақстан кинотеатрларында",
            "ru": "В кинотеатрах Казахстана",
        },
        "notes": RELEASED_IN_OCTOBER,
    },
}

AWARD = {
    "notes": {
        "es": "Concedido a «La Tregua» en el festival donde se estrenó.",
        "kk": "«Бітім» фильміне премьерасы өткен фестивальде берілді.",
        "ru": "Вручена «Перемирию» на фестивале, где состоялась его премьера.",
    },
}

# press release slug -> field -> translations
PRESS_RELEASES = {
    "la-tregua-first-look-comic-con-astana": {
        "title": {
            "es": "Primeras imágenes de «La Tregua» en la Comic Con Astana",
            "kk": "«Бітім» фильмінің алғашқы кадрлары Comic Con Astana-да көрсетілді",
            "ru": "Первые кадры «Перемирия» на Comic Con Astana",
        },
        "summary": {
            "es": (
                "El público de Astaná vio las primeras imágenes de «La Tregua», la primera "
                "coproducción hispano-kazaja de su clase, presentadas por el director Miguel Ángel "
                "Vivas y la actriz Dina Tasbulatova."
            ),
            "kk": (
                "Астана көрермендері осындай алғашқы испан-қазақ бірлескен туындысы — «Бітім» "
                "фильмінің алғашқы кадрларын көрді. Фильмді режиссер Мигель Анхель Вивас пен "
                "актриса Дина Тасбулатова таныстырды."
            ),
            "ru": (
                "Зрители в Астане увидели первые кадры «Перемирия» — первой в своём роде "
                "испано-казахстанской копродукции. Фильм представили режиссёр Мигель Анхель Вивас "
                "и актриса Дина Тасбулатова."
            ),
        },
        "body": {
            "es": (
                "La Comic Con Astana acogió la primera proyección pública de imágenes de «La "
                "Tregua», el drama que reúne a cineastas de España y Kazajistán.\n\n"
                "Dirigida por Miguel Ángel Vivas, conocido por su trabajo en «La casa de papel», "
                "la película sigue a dos oficiales españoles de bandos opuestos en la guerra civil "
                "que vuelven a encontrarse como presos del Karlag, el campo de trabajo soviético "
                "cercano a Karaganda, y eligen la tregua en lugar de la venganza.\n\n"
                "Miguel Herrán interpreta al capitán republicano Reyes, y Arón Piper, al teniente "
                "del bando nacional Salgado. Dina Tasbulatova, que presentó la película junto al "
                "director, da vida a Aisulu. Los actores españoles dicen parte de sus diálogos en "
                "kazajo."
            ),
            "kk": (
                "Comic Con Astana фестивалінде Испания мен Қазақстан кинематографистерін "
                "біріктірген «Бітім» (La Tregua) драмасының кадрлары көпшілікке алғаш рет "
                "көрсетілді.\n\n"
                "«Қағаз үй» сериалындағы жұмысымен танымал Мигель Анхель Вивас түсірген фильм "
                "азамат соғысында қарама-қарсы тарапта болған екі испан офицері туралы баяндайды. "
                "Олар Қарағанды маңындағы кеңестік еңбек лагері — Карлагта тұтқын ретінде қайта "
                "кездесіп, кек алудың орнына бітімді таңдайды.\n\n"
                "Республикашыл капитан Рейестің рөлін Мигель Эрран, франкошыл лейтенант "
                "Сальгадоның рөлін Арон Пайпер сомдайды. Фильмді режиссермен бірге таныстырған "
                "Дина Тасбулатова Айсұлуды ойнайды. Испан актерлері өз репликаларының бір бөлігін "
                "қазақ тілінде айтады."
            ),
            "ru": (
                "На Comic Con Astana впервые публично показали фрагменты «Перемирия» (La Tregua) — "
                "драмы, объединившей кинематографистов Испании и Казахстана.\n\n"
                "Фильм режиссёра Мигеля Анхеля Виваса, известного по работе над «Бумажным домом», "
                "рассказывает о двух испанских офицерах, воевавших в гражданскую войну по разные "
                "стороны фронта. Они снова встречаются уже заключёнными Карлага, советского "
                "трудового лагеря под Карагандой, и выбирают перемирие, а не месть.\n\n"
                "Мигель Эрран играет республиканского капитана Рейеса, Арон Пайпер — "
                "лейтенанта-франкиста Сальгадо. Дина Тасбулатова, представившая фильм вместе с "
                "режиссёром, исполняет роль Айсулу. Испанские актёры произносят часть своих реплик "
                "на казахском языке."
            ),
        },
    },
    "la-tregua-san-sebastian-2025": {
        "title": {
            "es": (
                "«La Tregua», seleccionada para la 73.ª edición del Festival Internacional de Cine "
                "de San Sebastián"
            ),
            "kk": "«Бітім» 73-ші Сан-Себастьян халықаралық кинофестиваліне іріктелді",
            "ru": "«Перемирие» отобрано на 73-й Международный кинофестиваль в Сан-Себастьяне",
        },
        "summary": {
            "es": (
                "«La Tregua», de Miguel Ángel Vivas, tendrá su estreno en festival en San "
                "Sebastián, que se celebra del 19 al 27 de septiembre de 2025."
            ),
            "kk": (
                "Мигель Анхель Вивастың «Бітім» фильмінің фестивальдік премьерасы 2025 жылғы 19–27 "
                "қыркүйекте өтетін Сан-Себастьян кинофестивалінде болады."
            ),
            "ru": (
                "Фестивальная премьера «Перемирия» Мигеля Анхеля Виваса состоится в "
                "Сан-Себастьяне, где фестиваль пройдёт с 19 по 27 сентября 2025 года."
            ),
        },
        "body": {
            "es": (
                "«La Tregua» ha sido seleccionada para la 73.ª edición del Festival Internacional "
                "de Cine de San Sebastián, que se celebra del 19 al 27 de septiembre de 2025.\n\n"
                "La película se rodó en un decorado de unos 4000 metros cuadrados que recrea el "
                "campo de Karlag y que se construyó durante casi seis meses en Dima, un pueblo de "
                "Vizcaya cercano a Bilbao. La producción tenía previsto rodar en Kazajistán, pero "
                "la pandemia y, después, los sucesos de enero de 2022 hicieron imposible asegurar "
                "allí un rodaje.\n\n"
                "«La Tregua» es una producción de Spassk 99 AIE con Amanat Capital y Umaifilm, y "
                "es la primera producción kazaja distribuida en todo el mundo por Netflix."
            ),
            "kk": (
                "«Бітім» (La Tregua) фильмі 2025 жылғы 19–27 қыркүйекте өтетін 73-ші Сан-Себастьян "
                "халықаралық кинофестиваліне іріктелді.\n\n"
                "Фильм Бильбао маңындағы Бискайя провинциясының Дима ауылында алты айға жуық уақыт "
                "бойы салынған, Карлаг лагерін қайта жаңғыртатын шамамен 4000 шаршы метрлік "
                "декорацияда түсірілді. Түсірілім тобы фильмді Қазақстанда түсіруді жоспарлаған "
                "еді, бірақ алдымен пандемия, кейін 2022 жылғы қаңтар оқиғалары салдарынан онда "
                "түсірілімді сақтандыру мүмкін болмады.\n\n"
                "«Бітім» фильмін Amanat Capital және Umaifilm компанияларымен бірлесіп Spassk 99 "
                "AIE шығарды. Бұл — Netflix бүкіл әлемге тарататын алғашқы қазақстандық туынды."
            ),
            "ru": (
                "«Перемирие» (La Tregua) отобрано на 73-й Международный кинофестиваль в "
                "Сан-Себастьяне, который пройдёт с 19 по 27 сентября 2025 года.\n\n"
                "Фильм снимали в декорациях площадью около 4000 квадратных метров, воссоздающих "
                "лагерь Карлаг: их почти полгода строили в Диме, деревне в Бискайе недалеко от "
                "Бильбао. Съёмки планировалось провести в Казахстане, но из-за пандемии, а затем "
                "январских событий 2022 года застраховать их там оказалось невозможно.\n\n"
                "«Перемирие» произвела компания Spassk 99 AIE совместно с Amanat Capital и "
                "Umaifilm. Это первый казахстанский фильм, который Netflix выпускает в мировой "
                "прокат."
            ),
        },
    },
    "la-tregua-in-cinemas-october-2025": {
        "title": {
            "es": "«La Tregua» se estrena en los cines de España y Kazajistán en octubre",
            "kk": "«Бітім» қазан айында Испания мен Қазақстан кинотеатрларында прокатқа шығады",
            "ru": "«Перемирие» выходит в кинотеатрах Испании и Казахстана в октябре",
        },
        "summary": {
            "es": (
                "Tras su estreno en San Sebastián, donde recibió un premio especial, «La Tregua» "
                "llega a los cines de España y Kazajistán en octubre de 2025, y después llegará a "
                "Netflix."
            ),
            "kk": (
                "Сан-Себастьяндағы премьерасында арнайы жүлдеге ие болған «Бітім» 2025 жылғы "
                "қазанда Испания мен Қазақстан кинотеатрларында прокатқа шығады, одан кейін "
                "Netflix-те көрсетіледі."
            ),
            "ru": (
                "После премьеры в Сан-Себастьяне, где фильм получил специальную награду, "
                "«Перемирие» в октябре 2025 года выходит в кинотеатрах Испании и Казахстана, а "
                "затем появится на Netflix."
            ),
        },
        "body": {
            "es": (
                "«La Tregua», dirigida por Miguel Ángel Vivas, llega a los cines de España y "
                "Kazajistán en octubre de 2025, tras su estreno en el Festival de San Sebastián, "
                "donde recibió un premio especial.\n\n"
                "La historia de dos enemigos que se hacen amigos en un campo soviético tardó siete "
                "años en hacerse realidad. Nació de una idea del productor César Benítez, "
                "inspirada en el documental español conocido como «Los olvidados de Karaganda».\n\n"
                "Está previsto que Netflix lleve la película al público de todo el mundo en 2026."
            ),
            "kk": (
                "Мигель Анхель Вивас түсірген «Бітім» (La Tregua) фильмі Сан-Себастьяндағы "
                "фестивальдік премьерасында арнайы жүлдеге ие болғаннан кейін 2025 жылғы қазанда "
                "Испания мен Қазақстан кинотеатрларында прокатқа шығады.\n\n"
                "Кеңестік лагерьде дос болып кеткен екі жау туралы бұл оқиғаны экранға шығаруға "
                "жеті жыл кетті. Жоба «Қарағандыда ұмытылғандар» деген атпен белгілі испан деректі "
                "фильмінен шабыт алған продюсер Сесар Бенитестің идеясынан басталды.\n\n"
                "Netflix фильмді 2026 жылы бүкіл әлем көрермендеріне ұсынады деп күтілуде."
            ),
            "ru": (
                "«Перемирие» (La Tregua) Мигеля Анхеля Виваса выходит в кинотеатрах Испании и "
                "Казахстана в октябре 2025 года — после фестивальной премьеры в Сан-Себастьяне, "
                "где фильм получил специальную награду.\n\n"
                "Работа над историей двух врагов, ставших друзьями в советском лагере, заняла семь "
                "лет. Всё началось с идеи продюсера Сесара Бенитеса, вдохновлённого испанским "
                "документальным фильмом, известным как «Забытые в Караганде».\n\n"
                "Ожидается, что в 2026 году Netflix представит фильм зрителям по всему миру."
            ),
        },
    },
}

# the picture's English title exactly as in pictures.PICTURES -> field -> translations
PICTURES = {
    "Sample trailer": {
        "title": {"es": "Tráiler de ejemplo", "kk": "Трейлер үлгісі", "ru": "Образец трейлера"},
        "caption": {
            "es": (
                "Tráiler de ejemplo para la demo: unos segundos de color en movimiento en lugar "
                "del tráiler de «La Tregua»."
            ),
            "kk": (
                "Демо нұсқаға арналған трейлер үлгісі: «Бітім» (La Tregua) трейлерінің орнындағы "
                "бірнеше секундтық түрлі-түсті бейне."
            ),
            "ru": (
                "Образец трейлера для демоверсии: несколько секунд движущегося цвета вместо "
                "трейлера «Перемирия» (La Tregua)."
            ),
        },
    },
    "Key art": {
        "title": {"es": "Cartel", "kk": "Постер", "ru": "Постер"},
        "caption": {
            "es": (
                "Cartel de ejemplo para la demo: «La Tregua», una película de Miguel Ángel Vivas."
            ),
            "kk": (
                "Демо нұсқаға арналған постер үлгісі: Мигель Анхель Вивастың «Бітім» (La Tregua) "
                "фильмі."
            ),
            "ru": (
                "Образец постера для демоверсии: «Перемирие» (La Tregua), фильм Мигеля Анхеля "
                "Виваса."
            ),
        },
    },
    "Reyes in the barracks": {
        "title": {"es": "Reyes en el barracón", "kk": "Рейес баракта", "ru": "Рейес в бараке"},
        "caption": {
            "es": (
                "Fotograma de ejemplo para la demo: Reyes (Miguel Herrán) en el barracón de los "
                "presos del Karlag."
            ),
            "kk": (
                "Демо нұсқаға арналған кадр үлгісі: Рейес (Мигель Эрран) Карлагтағы тұтқындар "
                "барагында."
            ),
            "ru": (
                "Образец кадра для демоверсии: Рейес (Мигель Эрран) в бараке для заключённых "
                "Карлага."
            ),
        },
    },
    "Salgado arrives": {
        "title": {"es": "Llega Salgado", "kk": "Сальгадо келеді", "ru": "Прибытие Сальгадо"},
        "caption": {
            "es": (
                "Fotograma de ejemplo para la demo: Salgado (Arón Piper) llega al campo con "
                "soldados de la División Azul."
            ),
            "kk": (
                "Демо нұсқаға арналған кадр үлгісі: Сальгадо (Арон Пайпер) «Көк дивизияның» "
                "сарбаздарымен бірге лагерьге келеді."
            ),
            "ru": (
                "Образец кадра для демоверсии: Сальгадо (Арон Пайпер) прибывает в лагерь с "
                "солдатами «Голубой дивизии»."
            ),
        },
    },
    "Aisulu on the steppe": {
        "title": {"es": "Aisulu en la estepa", "kk": "Айсұлу далада", "ru": "Айсулу в степи"},
        "caption": {
            "es": (
                "Fotograma de ejemplo para la demo: Aisulu (Dina Tasbulatova) en la estepa, fuera "
                "del campo."
            ),
            "kk": (
                "Демо нұсқаға арналған кадр үлгісі: Айсұлу (Дина Тасбулатова) лагерь сыртындағы "
                "далада."
            ),
            "ru": (
                "Образец кадра для демоверсии: Айсулу (Дина Тасбулатова) в степи за пределами "
                "лагеря."
            ),
        },
    },
    "The dastarkhan": {
        "title": {"es": "El dastarján", "kk": "Дастархан", "ru": "Дастархан"},
        "caption": {
            "es": (
                "Fotograma de ejemplo para la demo: una familia kazaja sienta a los presos en el "
                "lugar de honor de un dastarján."
            ),
            "kk": (
                "Демо нұсқаға арналған кадр үлгісі: қазақ отбасы тұтқындарды дастарханның төріне "
                "отырғызады."
            ),
            "ru": (
                "Образец кадра для демоверсии: казахская семья усаживает заключённых на почётное "
                "место за дастарханом."
            ),
        },
    },
    "The watchtower": {
        "title": {"es": "La torre de vigilancia", "kk": "Күзет мұнарасы", "ru": "Сторожевая вышка"},
        "caption": {
            "es": (
                "Fotograma de ejemplo para la demo, en vertical y tomado con un móvil: la torre de "
                "vigilancia del campo en invierno. Se guardó girado y con una posición GPS; ambas "
                "cosas se resuelven al subirlo."
            ),
            "kk": (
                "Демо нұсқаға арналған кадр үлгісі, телефонмен тігінен түсірілген: қыс "
                "мезгіліндегі лагерьдің күзет мұнарасы. Файл бүйірінен жатқызылып, GPS "
                "координаттарымен сақталған; жүктеу кезінде екеуі де түзетіледі."
            ),
            "ru": (
                "Образец кадра для демоверсии, вертикальный снимок на телефон: сторожевая вышка "
                "лагеря зимой. Сохранён повёрнутым набок и с GPS-координатами; и то и другое "
                "обрабатывается при загрузке."
            ),
        },
    },
    "Arón Piper": {
        "title": {"es": "Arón Piper", "kk": "Арон Пайпер", "ru": "Арон Пайпер"},
        "caption": {
            "es": "Retrato de ejemplo para la demo: Arón Piper, que interpreta a Salgado.",
            "kk": "Демо нұсқаға арналған портрет үлгісі: Сальгадоны ойнайтын Арон Пайпер.",
            "ru": "Образец портрета для демоверсии: Арон Пайпер, исполнитель роли Сальгадо.",
        },
    },
    "Miguel Herrán": {
        "title": {"es": "Miguel Herrán", "kk": "Мигель Эрран", "ru": "Мигель Эрран"},
        "caption": {
            "es": "Retrato de ejemplo para la demo: Miguel Herrán, que interpreta a Reyes.",
            "kk": "Демо нұсқаға арналған портрет үлгісі: Рейесті ойнайтын Мигель Эрран.",
            "ru": "Образец портрета для демоверсии: Мигель Эрран, исполнитель роли Рейеса.",
        },
    },
    "Dina Tasbulatova": {
        "title": {"es": "Dina Tasbulatova", "kk": "Дина Тасбулатова", "ru": "Дина Тасбулатова"},
        "caption": {
            "es": "Retrato de ejemplo para la demo: Dina Tasbulatova, que interpreta a Aisulu.",
            "kk": "Демо нұсқаға арналған портрет үлгісі: Айсұлуды ойнайтын Дина Тасбулатова.",
            "ru": "Образец портрета для демоверсии: Дина Тасбулатова, исполнительница роли Айсулу.",
        },
    },
}

# pictures.TERMS
TERMS = {
    "es": "Solo para uso editorial",
    "kk": "Тек редакциялық мақсатта пайдалануға болады",
    "ru": "Только для редакционного использования",
}
