import pytest

from bot.news import parse
from bot.news.models import ArticleMeta, ParsedArticle
from bot.news.roster import Roster
from bot.news.statements import Resolver, StatementReader, lone_english_speakers


def parsed(text: str) -> ParsedArticle:
    return parse(text, ArticleMeta())


def said(text: str) -> list[tuple[str, str]]:
    return [(s.speaker, s.text) for s in parsed(text).statements]


def test_reported_speech_keeps_what_follows_chto() -> None:
    out = said("Министр иностранных дел Данияр Абенов заявил, что Казахстан поддерживает диалог.")
    assert out == [("Данияр Абенов", "Казахстан поддерживает диалог.")]


def test_pronoun_goes_to_the_last_speaker_of_the_same_gender() -> None:
    text = (
        "Посол Мария Кастелли поблагодарила казахстанскую сторону за поддержку. "
        "Министр Данияр Абенов подтвердил готовность к сотрудничеству. "
        "Она высоко оценила вклад Казахстана в региональную безопасность."
    )
    assert [s for s, _ in said(text)] == ["Мария Кастелли", "Данияр Абенов", "Мария Кастелли"]


def test_po_ego_slovam_is_a_statement_of_him() -> None:
    text = "Министр Данияр Абенов провел встречу с послами. По его словам, регион нуждается в воде."
    assert said(text) == [("Данияр Абенов", "регион нуждается в воде.")]


def test_role_noun_resolves_to_the_person_with_that_role() -> None:
    text = (
        "Президент Казахстана Касым-Жомарт Токаев принял министра Данияра Абенова. "
        "Глава государства заявил, что Казахстан открыт для инвестиций."
    )
    assert said(text) == [("Касым-Жомарт Токаев", "Казахстан открыт для инвестиций.")]


def test_verb_first_order() -> None:
    text = "Замминистра Талгат Сейтжанов посетил Баку. В этом смысле, подчеркнул казахский дипломат, диалог важен."
    assert [s for s, _ in said(text)] == ["Талгат Сейтжанов"]


def test_a_quote_of_several_sentences_is_one_statement() -> None:
    text = (
        "Президент Казахстана Касым-Жомарт Токаев выступил на саммите.\n\n"
        '"Мы выступаем за мир. Диалог не имеет альтернативы. Нужно действовать сообща", – сказал президент.'
    )
    statements = parsed(text).statements
    assert len(statements) == 1 and statements[0].direct_quote
    assert statements[0].text == "Мы выступаем за мир. Диалог не имеет альтернативы. Нужно действовать сообща"


def test_short_quoted_phrase_is_not_a_direct_quote() -> None:
    text = "Министр Мурат Нуртлеу отметил необходимость возрождения «духа Хельсинки»."
    statements = parsed(text).statements
    assert len(statements) == 1 and not statements[0].direct_quote


def test_collective_and_non_person_subjects_are_not_speakers() -> None:
    text = (
        "Стороны подтвердили заинтересованность в сотрудничестве. "
        "Делегаты отметили стратегический уровень партнерства. "
        "Об этом сообщила пресс-служба министерства."
    )
    assert said(text) == []


def test_an_outlet_credit_is_not_a_statement() -> None:
    text = "Министр Данияр Абенов прибыл в Брюссель, сообщает Tengrinews.kz."
    assert said(text) == []


def test_verbs_that_need_their_object() -> None:
    assert said("Министр Данияр Абенов обратил внимание на проблему воды.") != []
    assert said("Министр Данияр Абенов обратил свой взгляд на карту.") == []
    assert said("Министр Данияр Абенов выступил на сессии.") == []


def test_english_statements() -> None:
    text = "Kazakh Foreign Minister Nurlan Sadykov met the envoy. Sadykov stressed that dialogue matters."
    assert said(text) == [("Nurlan Sadykov", "dialogue matters.")]


def test_statements_carry_organisations_and_lemmas() -> None:
    statement = parsed("Министр Данияр Абенов заявил, что ОБСЕ остается важной площадкой для диалога.").statements[0]
    assert statement.organizations == ["osce"]
    assert "площадка" in statement.lemmas


INTRO = "Министр иностранных дел Данияр Абенов выступил на сессии.\n\n"


@pytest.mark.parametrize(
    ("paragraph", "quote"),
    [
        (
            "«Казахстан поддерживает мирное урегулирование споров», – сказал он. – «Диалог не имеет альтернативы».",
            "«Казахстан поддерживает мирное урегулирование споров», – сказал он. – «Диалог не имеет альтернативы».",
        ),
        (
            "«Казахстан поддерживает мирное урегулирование споров, – сказал министр. – Диалог не имеет альтернативы».",
            "«Казахстан поддерживает мирное урегулирование споров, – сказал министр. – Диалог не имеет альтернативы».",
        ),
        (
            "«Мы считаем», – подчеркнул он, – «что диалог должен продолжаться без всяких условий».",
            "«Мы считаем», – подчеркнул он, – «что диалог должен продолжаться без всяких условий».",
        ),
        (  # inside a longer paragraph, where razdel cuts it in two
            "Он прибыл в зал. «Казахстан поддерживает мирное урегулирование споров», – сказал он. "
            "– «Диалог не имеет альтернативы». Затем министр уехал.",
            "«Казахстан поддерживает мирное урегулирование споров», – сказал он. – «Диалог не имеет альтернативы».",
        ),
    ],
)
def test_a_quote_split_by_its_attribution_is_one_statement_as_written(paragraph: str, quote: str) -> None:
    statements = parsed(INTRO + paragraph).statements
    assert [(s.speaker, s.text, s.direct_quote) for s in statements] == [("Данияр Абенов", quote, True)]


@pytest.mark.parametrize(
    "paragraph",
    [
        "«Мы поддерживаем мирное урегулирование споров», – сказали эксперты. – «Диалог важен и нужен всем».",
        "«Мы поддерживаем мирное урегулирование споров». – «Диалог важен и нужен всем», – заметили в зале.",
    ],
)
def test_a_split_quote_of_nobody_named_is_no_statement(paragraph: str) -> None:
    assert parsed(INTRO + paragraph).statements == []


def test_english_quote_then_said_and_title() -> None:
    text = "“Kazakhstan supports a peaceful settlement of disputes,” said Kazakh Foreign Minister Daniyar Abenov."
    assert [(s.speaker, s.text, s.direct_quote) for s in parsed(text).statements] == [
        ("Daniyar Abenov", "Kazakhstan supports a peaceful settlement of disputes", True)
    ]


def test_english_said_then_unknown_name_is_no_statement() -> None:
    text = "“Kazakhstan supports a peaceful settlement of disputes,” said Kazakh Foreign Ministry spokesman."
    assert parsed(text).statements == []


def test_dialogue_dash_paragraph_with_its_attribution_last() -> None:
    text = (
        "Президент Казахстана Касым-Жомарт Токаев выступил на саммите.\n\n"
        "– Все эти годы ООН возглавляла наши совместные усилия. Мир меняется не в лучшую сторону, – отметил он."
    )
    assert [(s.speaker, s.text, s.direct_quote) for s in parsed(text).statements] == [
        (
            "Касым-Жомарт Токаев",
            "Все эти годы ООН возглавляла наши совместные усилия. Мир меняется не в лучшую сторону",
            True,
        )
    ]


def test_a_dialogue_dash_paragraph_without_a_named_speaker_is_no_statement() -> None:
    text = "Встреча прошла в Женеве.\n\n– Мы выступаем за мир и диалог в регионе, – отметили в зале."
    assert parsed(text).statements == []


def test_a_caption_line_gives_the_speaker_of_the_quote_below() -> None:
    text = (
        "Касым-Жомарт Токаев, Президент Республики Казахстан:\n\n"
        "«Мы поддерживаем реформу Совета Безопасности и расширение его состава»."
    )
    assert said(text) == [
        ("Касым-Жомарт Токаев", "«Мы поддерживаем реформу Совета Безопасности и расширение его состава».")
    ]


def test_a_colon_at_the_end_of_a_paragraph_announces_the_quote() -> None:
    text = (
        "Министр иностранных дел Ермек Кошербаев прибыл в Женеву.\n\nГлава МИД отметил:\n\n"
        "– Казахстан всегда выступал за мирное урегулирование конфликтов."
    )
    assert said(text) == [("Ермек Кошербаев", "Казахстан всегда выступал за мирное урегулирование конфликтов.")]


def test_ob_etom_zayavil_gives_the_sentence_before_to_the_speaker() -> None:
    text = "Казахстан поддерживает реформу ООН. Об этом заявил Мухтар Тлеуберди на встрече с послами."
    assert said(text) == [("Мухтар Тлеуберди", "Казахстан поддерживает реформу ООН.")]
    assert said("Об этом сообщила пресс-служба министерства.") == []
    text = "Сотрудничество двух стран реализуется успешно. На это обратил внимание посол Тимур Жаксылыков на брифинге."
    assert said(text) == [("Тимур Жаксылыков", "Сотрудничество двух стран реализуется успешно.")]
    # `на это` with a verb of no saying gives nobody the sentence before
    assert said("Сотрудничество реализуется успешно. На это ушло три года работы посла Тимура Жаксылыкова.") == []


def test_a_quote_without_quotation_marks_ending_with_its_attribution() -> None:
    text = "Мы всегда выступали за диалог и мирное решение, сказал Мухтар Тлеуберди."
    assert said(text) == [("Мухтар Тлеуберди", "Мы всегда выступали за диалог и мирное решение")]
    # a paragraph of such words in the first person (`нашу`, `мною`), its attribution closing the last sentence
    text = (
        "Это плачевная ситуация вокруг Каспийского моря. Мною было высказано предложение о центре. Это подтверждает"
        " нашу приверженность диалогу, - сказал Касым-Жомарт Токаев."
    )
    assert [t for _, t in said(text)] == [text]
    # a paragraph in the third person keeps only the sentence of the attribution
    text = "Каспийское море мелеет. Это подтверждает доклад ученых, - сказал Касым-Жомарт Токаев."
    assert [t for _, t in said(text)] == ["Это подтверждает доклад ученых, - сказал Касым-Жомарт Токаев."]


def test_informing_and_expressing_gratitude_are_statements() -> None:
    text = (
        "Министр Ермек Кошербаев встретился с послом. Он проинформировал собеседника о приоритетах "
        "председательства. Министр выразил признательность за поддержку."
    )
    assert [s for s, _ in said(text)] == ["Ермек Кошербаев", "Ермек Кошербаев"]


def test_english_role_nouns_and_according_to() -> None:
    text = (
        "Kazakh Foreign Minister Murat Nurtleu met the envoy. According to him, Kazakhstan supports dialogue. "
        "UN Secretary-General Antonio Guterres visited Astana. The UN Secretary-General emphasized that the "
        "region matters."
    )
    assert said(text) == [
        ("Murat Nurtleu", "Kazakhstan supports dialogue."),
        ("Antonio Guterres", "the region matters."),
    ]


def test_a_person_only_mentioned_is_not_the_speaker() -> None:
    text = "Министр Ермек Кошербаев принял посла Франции Сильви Бермана. Министр отметил важность диалога."
    assert [s for s, _ in said(text)] == ["Ермек Кошербаев"]


def test_a_multi_sentence_quotation_inside_a_paragraph_is_one_statement() -> None:
    text = (
        "Президент Касым-Жомарт Токаев выступил на саммите. \"По нашим наблюдениям, обстановка ухудшается. "
        "Здесь мы видим подводные камни\", - отметил Токаев."
    )
    assert said(text) == [
        ("Касым-Жомарт Токаев", "\"По нашим наблюдениям, обстановка ухудшается. Здесь мы видим подводные камни\"")
    ]


def test_a_bare_quote_after_a_statement_continues_it_and_one_after_narration_does_not() -> None:
    base = "Министр Ермек Кошербаев выразил озабоченность ситуацией в регионе."
    assert [s for s, _ in said(base + " \"Считаю важным восстановить торговые связи региона\".")] == [
        "Ермек Кошербаев", "Ермек Кошербаев"
    ]
    assert said("Встреча прошла в Женеве. \"Считаю важным восстановить торговые связи региона\".") == []


def test_a_quote_signed_by_a_name_line_below_it() -> None:
    text = (
        "Касым-Жомарт Токаев провел переговоры с Ильхамом Алиевым.\n\n"
        "\"Это очень важное событие для укрепления стратегического партнерства\"\n\n– Касым-Жомарт Токаев"
    )
    quote = "\"Это очень важное событие для укрепления стратегического партнерства\""
    assert said(text) == [("Касым-Жомарт Токаев", quote)]


def test_interview_answers_belong_to_the_guest_and_questions_to_nobody() -> None:
    text = (
        "Корреспондент обратился к министру водного хозяйства Шавкату Хамраеву с вопросами.\n\n"
        "— Что означает этот план и как он отразится на регионе?\n\n"
        "— У нас в народе есть поговорка: не разрушай старого, не построив нового.\n\n"
        "Казахстан – страна в нижнем течении реки. Нехватка воды для них более заметна."
    )
    texts = [t for s, t in said(text) if s == "Шавкат Хамраев"]
    assert len(texts) == 2 and not any("?" in t for t in texts)


def test_the_clause_after_chto_is_never_the_speaker() -> None:
    text = (
        "Президент республики Касым-Жомарт Токаев провел встречу. Президент Казахстана, в свою очередь, отметил, "
        "что в настоящее время Конституционный порядок в стране восстановлен."
    )
    assert said(text) == [("Касым-Жомарт Токаев", "в настоящее время Конституционный порядок в стране восстановлен.")]


def test_a_name_before_a_finite_verb_is_in_the_nominative() -> None:
    text = "Во время встречи с послом Йемена Мохаммедом Алашаби Гульшара Абдыкаликова отметила, что мир важен."
    assert said(text) == [("Гульшара Абдыкаликова", "мир важен.")]
    assert [p.name for p in parsed(text).people] == ["Мохаммед Алашаби", "Гульшара Абдыкаликова"]


def test_po_ego_slovam_at_the_start_decides_the_speaker() -> None:
    text = (
        "Президент Касым-Жомарт Токаев выступил в ООН. Об этом заявил госсоветник Ерлан Карин. "
        "По его словам, глава государства подробно остановился на тенденциях развития."
    )
    assert [s for s, _ in said(text)] == ["Ерлан Карин", "Ерлан Карин"]


def test_english_quote_then_name_said() -> None:
    text = (
        "Foreign Minister Yerlan Idrissov met the envoys.\n\n"
        "“Kazakhstan believes that the Syrian crisis cannot be solved with the use of military,” Yerlan Idrissov said."
    )
    quote = "Kazakhstan believes that the Syrian crisis cannot be solved with the use of military"
    assert said(text) == [("Yerlan Idrissov", quote)]


def test_kazakh_and_foreign_role_nouns_without_posts() -> None:
    text = (
        "Presidents of Kazakhstan and Azerbaijan Kassym-Jomart Tokayev and Ilham Aliyev held talks.\n\n"
        "«We are close countries, strategic partners and allies,» said the Kazakh Head of State.\n\n"
        "For his part, the Azerbaijani leader thanked the Kazakh side for the invitation."
    )
    assert [s for s, _ in said(text)] == ["Kassym-Jomart Tokayev", "Ilham Aliyev"]


def test_english_phrases_in_capitals_are_not_people() -> None:
    text = "Kazakh Foreign Minister Yermek Kosherbayev spoke of the Sustainable Development Goals and Human Rights."
    assert [p.name for p in parsed(text).people] == ["Yermek Kosherbayev"]
    names = [p.name for p in parsed("UN Secretary-General António Guterres noted that peace matters.").people]
    assert names == ["António Guterres"]


@pytest.mark.parametrize(
    "title",
    [
        "Абдыкаликова: Казахстан намерен и дальше углублять сотрудничество с ОБСЕ",
        "Казахстан намерен и дальше углублять сотрудничество с ОБСЕ – Абдыкаликова",
    ],
)
def test_a_title_quoting_a_person_of_the_article(title: str) -> None:
    text = f"{title}\n\nГосударственный секретарь Гульшара Абдыкаликова провела встречу с делегацией."
    assert said(text)[0] == ("Гульшара Абдыкаликова", "Казахстан намерен и дальше углублять сотрудничество с ОБСЕ")


def test_a_title_naming_no_person_of_the_article_is_no_statement() -> None:
    text = "ОБСЕ должна сыграть важную роль в урегулировании кризиса – МИД Казахстана\n\nВстреча прошла в Вене."
    assert said(text) == []


def test_a_statement_made_and_expectations() -> None:
    text = (
        "У Казахстана нет скрытых интересов в Сирии. Такое заявление на брифинге сделал глава МИД Ерлан Идрисов.\n\n"
        "Председатель исполкома СНГ Сергей Лебедев ожидает, что Казахстан останется активным участником."
    )
    assert said(text) == [
        ("Ерлан Идрисов", "У Казахстана нет скрытых интересов в Сирии."),
        ("Сергей Лебедев", "Казахстан останется активным участником."),
    ]
    assert said("Министр Ермек Кошербаев сделал остановку в Баку по пути в Анкару.") == []


def test_conviction_adjectives_speak_and_according_to_the_post() -> None:
    text = (
        "Министр Ермек Кошербаев провел встречу. Министр уверен, что сотрудничество будет расти.\n\n"
        "UN Secretary-General António Guterres visited Astana. According to the UN Secretary-General, "
        "joint efforts of the region matter."
    )
    assert [s for s, _ in said(text)] == ["Ермек Кошербаев", "António Guterres"]
    assert said("Министр Ермек Кошербаев уверенно победил в турнире по шахматам.") == []


def test_tv_captions_give_the_speaker_and_a_correspondent_is_no_speaker() -> None:
    text = (
        "Президент Касым-Жомарт Токаев провел переговоры с президентом ОАЭ.\n\n"
        "Касым-Жомарт ТОКАЕВ, ПРЕЗИДЕНТ РЕСПУБЛИКИ КАЗАХСТАН: Эмираты – наш ведущий и надежный партнер.\n\n"
        "Айжан Сыдыкова, корреспондент:\n\n"
        "- Мурат Нуртлеу выступил на сессии конференции. Он призвал к диалогу и мерам доверия."
    )
    assert said(text) == [
        ("Касым-Жомарт Токаев", "Эмираты – наш ведущий и надежный партнер."),
        ("Мурат Нуртлеу", "Он призвал к диалогу и мерам доверия."),
    ]


def test_a_first_person_paragraph_after_a_statement_goes_on_with_it() -> None:
    text = (
        "In his remarks, Tokayev expressed gratitude to the hosts of the summit.\n\n"
        "I congratulate you on the successful chairmanship. We value the consistent policy of the organization.\n\n"
        "The weather in the city was sunny and warm for the whole week."
    )
    assert [s for s, _ in said(text)] == ["Tokayev", "Tokayev"]


def test_a_kazakh_post_goes_to_the_kazakh_official_and_a_foreign_one_to_the_guest() -> None:
    text = (
        "В заседании приняли участие Президенты: Казахстана — Нурсултан Назарбаев, Азербайджана — И.Алиев.\n\n"
        "Президент Казахстана подчеркнул, что Содружество отметит свое 25-летие."
    )
    assert [s for s, _ in said(text)] == ["Нурсултан Назарбаев"]


def test_surname_attributions_possessives_relatives_and_lone_russian_surnames() -> None:
    text = (
        "OSCE Secretary General Helga Schmid met the envoy. "
        "According to Schmid, Kazakhstan is an active participant.\n\n"
        "US envoy Sergio Gor delivered Trump’s greetings and reaffirmed the importance of Central Asia.\n\n"
        "Токаев отметил, что визит является прекрасной возможностью для сотрудничества."
    )
    assert [s for s, _ in said(text)] == ["Helga Schmid", "Sergio Gor", "Токаев"]
    assert said("Казахстан отметил, что визит является прекрасной возможностью.") == []
    assert said("Министр Ермек Кошербаев дал высокую оценку работе миссии.") != []
    assert said("Министр Ермек Кошербаев дал интервью газете.") == []


def test_a_quote_with_a_dash_glued_to_the_comma() -> None:
    text = (
        "Министр Ермек Кошербаев провел брифинг.\n\n"
        '"Казахстан поддерживает диалог и мирное урегулирование",- сказал он.'
    )
    assert said(text) == [("Ермек Кошербаев", "Казахстан поддерживает диалог и мирное урегулирование")]


def test_a_speaker_introduced_by_post_and_named_in_the_next_sentence() -> None:
    text = (
        "Министр иностранных дел Казахстана подчеркнул, что диалог с ЕС остается приоритетом. "
        "Ермек Кошербаев провел встречу с послами стран Евросоюза."
    )
    assert said(text) == [("Ермек Кошербаев", "диалог с ЕС остается приоритетом.")]


def test_unquoted_first_person_speech_closed_by_said_x_is_one_statement() -> None:
    text = (
        "Kazakh President Kassym-Jomart Tokayev spoke at the summit.\n\n"
        "We value the consistent policy of the organization. These milestones serve as a reminder, said Tokayev."
    )
    assert said(text) == [
        (
            "Kassym-Jomart Tokayev",
            "We value the consistent policy of the organization. These milestones serve as a reminder",
        )
    ]
    narration = "The summit was held in Astana. These milestones serve as a reminder, said Tokayev."
    assert said(narration) == [("Tokayev", "These milestones serve as a reminder")]


def test_a_gerund_of_saying_goes_on_with_the_speaker_before() -> None:
    text = (
        "Посол Алимхан Есенгельдиев подчеркнул дружественное отношение Казахстана к Афганистану. "
        "При этом, отметив, что наша страна оказывает поддержку странам региона."
    )
    assert [t for _, t in said(text)][-1] == "наша страна оказывает поддержку странам региона."
    assert said("При этом, отметив, что наша страна оказывает поддержку странам региона.") == []


def test_a_speech_page_gives_its_dash_paragraphs_to_the_person_it_names() -> None:
    text = (
        "78 session of the UN General Assembly. President of Kazakhstan Kassym-Jomart Tokayev\n\n"
        "– The essence of the threat comes from the erosion of international law.\n\n"
        "– Dialogue is the only way to create a safer world."
    )
    assert [s for s, _ in said(text)] == ["Kassym-Jomart Tokayev", "Kassym-Jomart Tokayev"]
    assert said("The weather was sunny.\n\n– The essence of the threat comes from the erosion of law.") == []


# --- issue 11: speakers and statements on unseen articles ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Генеральный директор МАГАТЭ Рафаэль Мариано Гросси поздравил казахстанцев с юбилеем закрытия полигона.",
         ["Рафаэль Мариано Гросси"]),
        ("Ambassador Helga Brandt conveyed congratulations to the people of Kazakhstan on the holiday.",
         ["Helga Brandt"]),
        ("The Head of State Kassym-Jomart Tokayev dwelt on the principles of the Convention in his speech.",
         ["Kassym-Jomart Tokayev"]),
        ("Министр Мурат Нуртлеу привлек внимание к угрозам ядерного оружия для всего мира.", ["Мурат Нуртлеу"]),
        # what those verbs need is missing: no statement
        ("Aida Brandt writes about this in Central Asia Weekly every month.", []),
        ("Министр Мурат Нуртлеу привлек инвесторов из пяти стран в новый проект.", []),
    ],
)
def test_congratulating_conveying_dwelling_on_and_drawing_attention_are_statements(
    text: str, expected: list[str]
) -> None:
    assert [s for s, _ in said(text)] == expected


def test_it_was_said_by_gives_the_sentence_before() -> None:
    text = (
        "Ankara is grateful to the Kazakh people for their support over many years. "
        "It was said by Turkish Foreign Minister Mevlut Cavusoglu after the meeting."
    )
    said_before = "Ankara is grateful to the Kazakh people for their support over many years."
    assert said(text) == [("Mevlut Cavusoglu", said_before)]
    assert said("It was said that the talks went well and would go on next year.") == []


def test_a_role_noun_stands_for_someone_named_before_not_after() -> None:
    text = (
        "Zhumangarin stated that aid was sent on the President's instructions.\n\n"
        "The Minister emphasized that Kazakhstan kept its embassy in Kabul open.\n\n"
        "He met Acting Minister of Trade Nuriddin Azizi and Acting Foreign Minister Amir Khan Muttaqi."
    )
    assert {s for s, _ in said(text)} == {"Zhumangarin"}
    # the last one named holds another post: the minister is the one of that post, named later
    text = (
        "Посол Дархан Сейтов встретился с журналистами.\n\n"
        "Министр иностранных дел подчеркнул, что банк служит мирному развитию атомной энергии.\n\n"
        "Министр иностранных дел Ерлан Касымов подписал соглашение."
    )
    assert [s for s, _ in said(text)] == ["Ерлан Касымов"]


def test_a_post_belongs_to_the_first_country_it_names() -> None:
    from bot.news.statements import post_side

    assert post_side("Ambassador of Kazakhstan to Turkmenistan") == "home"
    assert post_side("Ambassador of Turkmenistan to Kazakhstan") == "foreign"
    assert post_side("First President") is None


def test_the_head_of_another_country_and_the_head_of_state() -> None:
    text = (
        "Ambassador of Kazakhstan to Turkmenistan Nurlan Nogaev presented his credentials to the President of "
        "Turkmenistan, Serdar Berdimuhamedov.\n\n"
        "The Head of Turkmenistan conveyed his best wishes to the leadership of Kazakhstan."
    )
    assert [s for s, _ in said(text)] == ["Serdar Berdimuhamedov"]
    text = (
        "Nursultan Nazarbayev met President of Turkmenistan Gurbanguly Berdimuhamedov.\n\n"
        "The Head of State pointed out that the Caspian region has a unique history."
    )
    assert [s for s, _ in said(text)] == ["Nursultan Nazarbayev"]


def test_i_congratulate_you_mr_x_is_the_speakers_own_words() -> None:
    text = (
        "In his remarks, Tokayev expressed gratitude to Chinese Chairman Xi Jinping for hosting the summit.\n\n"
        "I congratulate you, Mr. Xi Jinping, on the successful chairmanship. Kazakhstan highly values this policy. "
        "These milestones remind us of the importance of unity, said Tokayev."
    )
    out = said(text)
    assert {s for s, _ in out} == {"Tokayev"}
    assert any("Kazakhstan highly values this policy" in t for _, t in out)


def test_a_dash_that_opens_a_named_attribution_is_no_direct_speech() -> None:
    text = (
        "Министр Ермек Кошербаев заявил, что Казахстан поддерживает афганский народ. В переговорах участвовал "
        "министр иностранных дел Афганистана Амир Хан Муттаки.\n\n"
        "— А.Муттаки поблагодарил казахскую сторону за неизменную поддержку афганского народа."
    )
    assert [s for s, _ in said(text)] == ["Ермек Кошербаев", "Амир Хан Муттаки"]
    text = (
        "Министр Ермек Кошербаев заявил, что Казахстан поддерживает диалог.\n\n"
        "— Мы будем и дальше помогать соседям, развивать торговлю и транзит через нашу страну."
    )
    assert [s for s, _ in said(text)] == ["Ермек Кошербаев", "Ермек Кошербаев"]


def test_a_first_name_alone_is_no_surname() -> None:
    text = "Foreign Minister Mevlut Cavusoglu met Nazarbayev. Mevlut noted the aksakal of the Turkic world was here."
    assert "Mevlut" not in {s for s, _ in said(text)}
    assert [s for s, _ in said("In his remarks, Tokayev expressed gratitude for the warm welcome.")] == ["Tokayev"]


def test_after_an_english_verb_comes_its_object_not_its_subject() -> None:
    assert said("Expressed gratitude to Xi Jinping for hosting the summit in the city of Tianjin.") == []
    text = (
        "Kazakh Foreign Minister Murat Nurtleu arrived in Baku.\n\n"
        "Kazakhstan stands for deepening five-party cooperation, said the head of the Kazakh Foreign Ministry."
    )
    assert [s for s, _ in said(text)] == ["Murat Nurtleu"]


@pytest.mark.parametrize(
    "text",
    [
        "The idea was supported by the presidents of the other member countries of the Council.",
        "Tokayev met Putin in Moscow. The two leaders stated that trade had grown by a third.",
        "The ministry said that the talks in Astana went well and would go on.",
    ],
)
def test_passives_plural_subjects_and_bodies_give_no_speaker(text: str) -> None:
    assert said(text) == []


def test_a_surname_right_after_the_verb_is_the_speaker() -> None:
    text = "«Кроме того, в отношении банка будут действовать гарантии агентства», — написал Амано в статье."
    assert [s for s, _ in said(text)] == ["Амано"]
    text = "«Кроме того, в отношении банка будут действовать гарантии агентства», — сообщает Казинформ."
    assert said(text) == []


def test_a_place_after_the_verb_is_its_object() -> None:
    text = (
        "Государственный секретарь США Марко Рубио накануне, 5 ноября, на приеме в Вашингтоне, "
        "заявил о намерении посетить Казахстан в 2026 году."
    )
    assert [s for s, _ in said(text)] == ["Марко Рубио"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kassym-Jomart Tokayev reminded that Kazakhstan renounced the fourth largest nuclear arsenal.",
         ["Kassym-Jomart Tokayev"]),
        ("Глава МИД Кайрат Абдрахманов назвал противодействие терроризму главной задачей Совета.",
         ["Кайрат Абдрахманов"]),
        ("Мухтар Тлеуберди представил видение и приоритеты Казахстана на посту председателя СВМДА.",
         ["Мухтар Тлеуберди"]),
        ("Kairat Umarov concluded that the talks had opened a new chapter in the relations.", ["Kairat Umarov"]),
        # without what they need, `представил` and `concluded` say nothing
        ("Мухтар Тлеуберди представил нового посла коллективу министерства.", []),
        ("Kairat Umarov concluded the visit with a trip to the old city of Samarkand.", []),
    ],
)
def test_reminding_naming_presenting_a_vision_and_concluding_that(text: str, expected: list[str]) -> None:
    assert [s for s, _ in said(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Глава государства Касым-Жомарт Токаев обсудил с султаном ситуацию в регионе, заявив о твердой поддержке "
         "Омана.", ["Касым-Жомарт Токаев"]),
        ("Recep Tayyip Erdogan expressed satisfaction with the talks, emphasizing the importance of cooperation.",
         ["Recep Tayyip Erdogan"]),
        # the clause of saying of a subject that is no person: no statement
        ("Пресс-служба министерства провела брифинг, заявив о переносе встречи министров.", []),
        ("Recep Tayyip Erdogan visited the new terminal of the airport, walking along its halls.", []),
    ],
)
def test_a_clause_of_saying_hung_on_another_verb(text: str, expected: list[str]) -> None:
    assert [s for s, _ in said(text)] == expected


def test_after_a_comma_the_subject_may_stand_far_after_the_verb() -> None:
    text = (
        "ЕАЭС имеет большое будущее, несмотря на трудности, заявил на встрече с главами делегаций государств — "
        "участников СНГ президент Казахстана Нурсултан Назарбаев."
    )
    assert [s for s, _ in said(text)] == ["Нурсултан Назарбаев"]
    text = "ЕАЭС имеет большое будущее, несмотря на трудности, сообщает на своем сайте агентство Tengrinews."
    assert said(text) == []


def test_ob_etom_zayavil_after_an_outlets_credit() -> None:
    text = (
        "Председатель Европейского совета 3 декабря прибудет с официальным визитом в Казахстан. "
        "По данным агентства Report, об этом заявил министр иностранных дел Казахстана Ермек Кошербаев."
    )
    assert said(text)[-1] == (
        "Ермек Кошербаев",
        "Председатель Европейского совета 3 декабря прибудет с официальным визитом в Казахстан.",
    )


def test_the_president_is_the_head_of_state_who_spoke_not_the_foreign_one_named() -> None:
    text = (
        "Глава государства Касым-Жомарт Токаев принял министра иностранных дел Туркменистана Рашида Мередова, "
        "который передал приветствие от Президента Туркменистана Сердара Бердымухамедова.\n\n"
        "Касым-Жомарт Токаев отметил развитие казахско-туркменских отношений.\n\n"
        "Президент поздравил Туркменистан с началом Международного года мира и доверия."
    )
    assert [s for s, _ in said(text)][-2:] == ["Касым-Жомарт Токаев", "Касым-Жомарт Токаев"]
    text = "Министр иностранных дел КНР Ван И заявил, что Китай видит в Казахстане важного партнера."
    assert [s for s, _ in said(text)] == ["Ван И"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kassym-Jomart Tokayev put a strong emphasis on the problems of artificial trade barriers.",
         ["Kassym-Jomart Tokayev"]),
        ("Kassym-Jomart Tokayev spoke of the need to shift from reacting to crises to preventing them.",
         ["Kassym-Jomart Tokayev"]),
        ("Садыр Жапаров согласился с тем, что на страну была совершена спланированная агрессия.", ["Садыр Жапаров"]),
        ("Kairat Umarov agreed that the Council should visit Kabul during the presidency.", ["Kairat Umarov"]),
        # the same verbs without what makes them speech
        ("Kassym-Jomart Tokayev put the flowers at the monument to the heroes of the war.", []),
        ("The Speaker of the Mazhilis Yerlan Koshanov opened the session on Monday morning.", []),
    ],
)
def test_more_verbs_of_saying_with_what_they_need(text: str, expected: list[str]) -> None:
    assert [s for s, _ in said(text)] == expected


def test_an_interview_run_into_one_paragraph_gives_the_answers_to_the_guest() -> None:
    text = (
        "Ambassador Tarek Abdullah Al-Faraj shared his views on the relations. - Mr. Ambassador, how do you assess "
        "the partnership? - First of all, I want to pay tribute to the wise leadership of your country. The relations "
        "between our countries were established in 1993."
    )
    out = said(text)
    assert {s for s, _ in out} == {"Tarek Abdullah Al-Faraj"}
    assert any("The relations between our countries were established in 1993." in t for _, t in out)
    # a dash inside a sentence with no question before it is no interview
    text = "Ambassador Tarek Abdullah Al-Faraj visited Almaty - the largest city - and met students there."
    assert said(text) == []


def test_a_joint_statement_of_two_named_people_is_each_ones() -> None:
    text = (
        "Касым-Жомарт Токаев и Шавкат Мирзиёев отметили высокий уровень стратегического партнерства двух стран."
    )
    assert [s for s, _ in said(text)] == ["Касым-Жомарт Токаев", "Шавкат Мирзиёев"]
    text = "President Serdar Berdimuhamedov and Ambassador Nurlan Nogaev noted that the ties serve as a model."
    assert [s for s, _ in said(text)] == ["Serdar Berdimuhamedov", "Nurlan Nogaev"]
    text = (
        "В мероприятии участвовали губернатор Мухаммад Якуб Хайдари и председатель агентства Гулам Джилани, "
        "которые от лица правительства выразили благодарность за оказанную помощь."
    )
    assert [s for s, _ in said(text)] == ["Мухаммад Якуб Хайдари", "Гулам Джилани"]
    # sides, or two people in different clauses, make no joint statement
    assert said("Стороны отметили высокий уровень стратегического партнерства двух стран.") == []
    text = "Касым-Жомарт Токаев принял Шавката Мирзиёева, и стороны отметили высокий уровень партнерства."
    assert said(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The Kremlin said that the talks with Kazakhstan had gone well and would go on next year.",
        "Nurly Zhol noted a rise of investment in the transport corridors of the whole region.",
    ],
)
def test_kazakh_and_russian_institutions_are_no_speakers(text: str) -> None:
    assert said(text) == []


def test_a_known_surname_of_that_shape_still_speaks() -> None:
    assert [s for s, _ in said("Lavrov said that the talks with Kazakhstan had gone well this year.")] == ["Lavrov"]


def test_a_title_that_is_a_sentence_of_saying() -> None:
    article = parse(
        "Токаев считает, что совместными усилиями следует не допустить эскалации конфликтов\n\n"
        "Президент Казахстана Касым-Жомарт Токаев выступил на саммите ШОС в Тяньцзине.",
        ArticleMeta(),
    )
    assert [(s.speaker, s.text) for s in article.statements][:1] == [
        ("Касым-Жомарт Токаев", "совместными усилиями следует не допустить эскалации конфликтов")
    ]
    article = parse(
        "Эксперты считают, что конфликт затянется\n\nПрезидент Казахстана Касым-Жомарт Токаев выступил на саммите.",
        ArticleMeta(),
    )
    assert article.statements == []


def test_an_undeclined_surname_after_a_preposition_is_no_subject() -> None:
    text = (
        "Главы МИД Казахстана и Украины, Мурат Нуртлеу и Андрей Сибига, провели телефонный разговор.\n\n"
        "Сибига в разговоре с Нуртлеу отметил, что Казахстан - один из приоритетных партнеров Украины."
    )
    assert [s for s, _ in said(text)] == ["Андрей Сибига"]


def test_he_is_the_subject_before_not_the_guest_met_with() -> None:
    text = (
        "Kazakh President Kassym-Jomart Tokayev met with Chinese President Xi Jinping in Astana. "
        "He noted that the two countries had built a strong partnership."
    )
    assert [s for s, _ in said(text)] == ["Kassym-Jomart Tokayev"]


def test_a_un_summary_names_its_speaker_in_capitals() -> None:
    text = "KAIRAT UMAROV (Kazakhstan) said that the Council must keep Afghanistan on its agenda this year."
    assert [s for s, _ in said(text)] == ["Kairat Umarov"]
    assert said("NATO SUMMIT (Brussels) said that the allies would meet again next year in Washington.") == []


def test_reported_speech_that_quotes_a_phrase_goes_on_with_the_speaker() -> None:
    text = (
        "Kassym-Jomart Tokayev noted the world met at a bitter time of confrontation. Economic sanctions have become "
        "“a new norm” for too many countries."
    )
    quoting = "Economic sanctions have become “a new norm” for too many countries."
    assert said(text)[-1] == ("Kassym-Jomart Tokayev", quoting)
    # narration after it, or a quote that names someone else, is not his
    text = (
        "Kassym-Jomart Tokayev noted the world met at a bitter time of confrontation. The session went on until "
        "late in the evening. Antonio Guterres called it “a new norm” for the world."
    )
    assert [s for s, _ in said(text)] == ["Kassym-Jomart Tokayev"]


def test_an_organisation_right_after_the_verb_is_no_surname() -> None:
    text = "«Учения пройдут в плановом режиме в течение всей недели», — сообщило Минобороны в своем канале."
    assert said(text) == []
    text = "«Учения пройдут в плановом режиме в течение всей недели», — сообщил ОДКБ в своем канале."
    assert said(text) == []


def test_a_capitalised_word_of_the_object_does_not_end_the_search_after_the_verb() -> None:
    text = (
        "Губернатор Омской области Александр Бурков принял делегацию.\n\n"
        "«Казахстан – стратегически важный для области партнер», — поприветствовал дипломатов Республики Казахстан "
        "Бурков."
    )
    assert [s for s, _ in said(text)] == ["Александр Бурков"]
    text = "«Казахстан – стратегически важный для области партнер», — пишет Forbes в своем обзоре."
    assert said(text) == []


def test_a_quotation_whose_opening_mark_the_page_lost() -> None:
    text = (
        "Казахстан занимал и будет занимать позицию невмешательства в дела третьих государств. Поэтому мы не "
        'занимаем ничью сторону в этом конфликте", - сообщил Алибек Бакаев.'
    )
    out = said(text)
    assert out[-1][0] == "Алибек Бакаев" and out[-1][1].startswith("Казахстан занимал")
    # a quotation opened in the paragraph keeps to itself
    text = (
        "Казахстан занимал и будет занимать позицию невмешательства в дела третьих государств. \"Поэтому мы не "
        'занимаем ничью сторону в этом конфликте", - сообщил Алибек Бакаев.'
    )
    assert not said(text)[-1][1].startswith("Казахстан занимал")


def test_an_update_given_and_a_surname_before_also() -> None:
    text = "Kosherbayev also provided an update to President Erdogan on the progress of the agreements."
    assert [s for s, _ in said(text)] == ["Kosherbayev"]
    assert said("Kosherbayev also provided funds to the new school of the city of Turkistan.") == []


def test_according_to_a_titled_name() -> None:
    text = "According to Kazakh Foreign Minister Murat Nurtleu, the UN needs a reform of its Security Council."
    assert said(text) == [("Murat Nurtleu", "the UN needs a reform of its Security Council.")]
    # `according to` a body or a report names no person
    assert said("According to the Foreign Ministry of Kazakhstan, the talks went well in Astana.") == []


def test_po_slovam_a_long_post_and_its_holder() -> None:
    text = "По словам министра экономического развития области Андрея Разборова, товарооборот с Казахстаном вырос."
    assert said(text) == [("Андрей Разборов", "товарооборот с Казахстаном вырос.")]
    # `по данным` statistics, however long before the comma, names no one
    statistics = "По данным статистического комитета министерства национальной экономики страны, товарооборот вырос."
    assert said(statistics) == []


def test_po_slovam_goes_to_the_last_name_before_the_comma_and_not_to_an_owner() -> None:
    text = "По словам пресс-секретаря президента России Владимира Путина Дмитрия Пескова, переговоры прошли успешно."
    assert said(text) == [("Дмитрий Песков", "переговоры прошли успешно.")]
    # `Nazarbayev's office` speaks, not Nazarbayev
    text = "Nazarbayev met Cameron and signed 40 trade deals worth $5 billion, according to Nazarbayev's office."
    assert said(text) == []
    named = "Kazakh President Nursultan Nazarbayev met Cameron. The talks went well, according to Nazarbayev."
    assert said(named) == [("Nursultan Nazarbayev", "The talks went well, according to Nazarbayev.")]


def test_a_titled_owner_after_the_verb_is_no_subject() -> None:
    text = (
        "Ding Xuexiang, also a member of the Standing Committee of the Political Bureau, conveyed Chinese President"
        " Xi Jinping's greetings to President Tokayev and said that China values the partnership."
    )
    assert [s for s, _ in said(text)] == ["Ding Xuexiang"]
    # the same title and name with no possessive is the subject after the verb
    text = "China values the partnership with Kazakhstan, said Chinese President Xi Jinping."
    assert [s for s, _ in said(text)] == ["Xi Jinping"]


def test_a_possessive_heading_ending_with_its_place_and_date_in_brackets_and_a_full_stop() -> None:
    text = (
        "Official visits\n\n"
        "Foreign Minister Sergey Lavrov’s remarks and answers to questions at a news conference following talks with"
        " Foreign Minister of Kazakhstan Kairat Abdrakhmanov (Moscow, January 20, 2017).\n\n"
        "Ladies and gentlemen,\n\n"
        "My counterpart and I had very good and useful talks on our bilateral relations.\n\n"
        "In the sphere of bilateral relations, we highly praised our legal framework of over 300 treaties."
    )
    article = parsed(text)
    assert {s.speaker for s in article.statements} == {"Sergey Lavrov"}
    assert article.location == "Moscow" and article.published_at == "2017-01-20"
    # a sentence that opens with someone's speech is no heading
    text = (
        "President Kassym-Jomart Tokayev called for the United Nations to reform during his speech in New York.\n\n"
        "Tokayev’s speech opened with him saying that the meeting is taking place at a critical time, noting tensions."
    )
    assert "Tokayev’s speech opened" in parsed(text).statements[-1].text


def test_states_of_a_kind_are_countries_not_someone_stating() -> None:
    text = "Israel requires the support of several Muslim states to win the seat at the United Nations."
    assert said(text) == []
    text = "Kazakh Foreign Minister Murat Nurtleu met the press. Nurtleu states that the talks in Astana went well."
    assert [s for s, _ in said(text)] == ["Murat Nurtleu"]


def test_a_verb_before_a_colon_goes_first() -> None:
    text = (
        "Отвечая на вопрос о суффиксе, как это предложил сделать президент Нурсултан Назарбаев, министр Ерлан Идрисов"
        ' сказал: "это штучки СМИ, их не надо принимать всерьез".'
    )
    assert [s for s, _ in said(text)] == ["Ерлан Идрисов"]
    # a participle before the colon leaves the words to the verb it goes with
    text = (
        "Hiroshima Mayor Kazumi Matsui thanked the Kazakh President Nursultan Nazarbayev, adding: “You play a leading"
        " role in building a world without nuclear weapons.”"
    )
    assert [s for s, _ in said(text)] == ["Kazumi Matsui"]
    # with no colon the first verb with a speaker still goes first
    text = "Президент Нурсултан Назарбаев предложил переименовать страну, а министр Ерлан Идрисов сказал, что это слух."
    assert [s for s, _ in said(text)] == ["Нурсултан Назарбаев"]


def test_a_transcript_goes_on_past_a_gallerys_navigation_and_thanks_to() -> None:
    text = (
        "Alihan Smailov: Mr Mishustin, colleagues.\n\n"
        "Mishustin meets Smailov 1 February 2024 Предыдущая новость Следующая новость Mishustin meets Smailov\n\n"
        "We are pleased to welcome you to the Eurasian Intergovernmental Council meeting in Almaty.\n\n"
        "Russia remains a reliable friend to Kazakhstan. Thanks to the political will of our heads of state, relations"
        " are developing progressively."
    )
    assert [s for s, _ in said(text)] == ["Alihan Smailov"] * 3
    # `thanked`, a verb of saying, still stops the transcript
    text = text.replace("Thanks to the political will", "Tokayev thanked Putin for the political will")
    assert [s for s, _ in said(text)][:2] == ["Alihan Smailov"] * 2 and len(said(text)) == 3


def test_a_correspondent_holds_no_post_of_the_event() -> None:
    text = (
        "Президенты обсуждают повестку, передает корреспондент «МИР 24» Ерик Мулдабаев. Участников встречи"
        " Касым-Жомарт Токаев встречал лично. Казахстанский лидер заявил, что ОДКБ неизменно востребована."
    )
    assert [s for s, _ in said(text)] == ["Касым-Жомарт Токаев"]
    # without the word `корреспондент` the one named first stays the Kazakh side
    text = text.replace("корреспондент «МИР 24» ", "")
    assert [s for s, _ in said(text)] == ["Ерик Мулдабаев"]


def test_promised_and_vowed_are_verbs_of_saying() -> None:
    text = (
        "Kazakh First Deputy Foreign Minister Akan Rakhmetullin met Antonio Guterres. In turn, Rakhmetullin promised"
        " Guterres that joint work between Kazakhstan and the UN would continue."
    )
    assert [s for s, _ in said(text)] == ["Akan Rakhmetullin"]
    assert said("Minister Akan Rakhmetullin met farmers. The promise made to the farmers was kept last year.") == []


def test_commissioners_governors_mayors_chancellors_and_kings_stand_for_the_one_named() -> None:
    text = (
        "The High Commissioner of Canada Isabelle Martin met Prime Minister Harini Amarasuriya. The High Commissioner"
        " conveyed condolences over the devastation caused by the cyclone."
    )
    assert [s for s, _ in said(text)] == ["Isabelle Martin"]
    text = "Губернатор Оренбургской области Евгений Солнцев встретился с послом. Губернатор отметил рост торговли."
    assert [s for s, _ in said(text)] == ["Евгений Солнцев"]
    # the governor, not the minister named last
    text = (
        "Губернатор области Евгений Солнцев встретился с министром Муратом Нуртлеу. Министр Мурат Нуртлеу приехал в"
        " Оренбург. Губернатор отметил рост торговли с Казахстаном."
    )
    assert [s for s, _ in said(text)] == ["Евгений Солнцев"]


def test_a_verb_of_opinion_that_closes_the_sentence_is_an_attribution() -> None:
    base = "Министр иностранных дел Казахстана Мурат Нуртлеу встретился с послом Японии. "
    out = said(base + "Казахстан высоко ценит роль ОБСЕ в регионе, считает Нуртлеу.")
    assert out == [("Мурат Нуртлеу", "Казахстан высоко ценит роль ОБСЕ в регионе")]
    # the same verb with an object of its own is no saying
    assert said(base + "Нуртлеу считает дни до начала саммита в Астане.") == []


def test_a_closing_attribution_line_gives_the_paragraph_above_to_its_speaker() -> None:
    text = (
        "Президент Казахстана Касым-Жомарт Токаев дал интервью агентству Синьхуа.\n\n"
        "Председатель Си Цзиньпин является выдающимся лидером. Я уверен, что страна достигнет роста.\n\n"
        "– сказал Токаев в интервью.\n\n"
        "Он напомнил, что Казахстан и Китай ввели безвизовый режим."
    )
    out = said(text)
    assert out[0] == (
        "Касым-Жомарт Токаев",
        "Председатель Си Цзиньпин является выдающимся лидером. Я уверен, что страна достигнет роста.",
    )
    assert [s for s, _ in out] == ["Касым-Жомарт Токаев", "Касым-Жомарт Токаев"]
    # a dash line that names nobody saying anything attributes nothing
    assert said("Министр провел встречу с послами стран ЕС в Астане.\n\n– и другие официальные лица.") == []


def test_a_quotation_running_on_unclosed_after_its_attribution() -> None:
    text = (
        "Государственный секретарь зачитала приветствие Президента Нурсултана Назарбаева.\n\n"
        "«Это событие особо значимо для нас, как государства, возглавлявшего организацию, – подчеркнул Глава "
        "государства в своем приветствии. – Председательство в ОБСЕ позволило нашей стране внести вклад"
    )
    assert [s for s, _ in said(text)] == ["Нурсултан Назарбаев"]


def test_an_office_owned_by_the_president_is_no_president() -> None:
    text = (
        "В конференции приняли участие начальник Канцелярии Президента РК Махмуд Касымбеков и Президент "
        "Нурсултан Назарбаев. «Это событие особо значимо для нас, как государства», – подчеркнул Глава государства."
    )
    assert [s for s, _ in said(text)] == ["Нурсултан Назарбаев"]


def test_a_transcripts_labels_in_capitals() -> None:
    text = (
        "Secretary Antony J. Blinken and Foreign Minister Mukhtar Tileuberdi before their meeting\n\n"
        "FOREIGN MINISTER TILEUBERDI:  Secretary Blinken, it is my pleasure to welcome you here in Astana.\n\n"
        "SECRETARY BLINKEN:  Thank you for the incredibly warm welcome, Mr. Minister."
    )
    assert [s for s, _ in said(text)] == ["Mukhtar Tileuberdi", "Antony J. Blinken"]
    # a label of nobody the text names is no speaker
    assert said("Minister Mukhtar Tileuberdi met the press.\n\nNOTE:  The meeting was held behind closed doors.") == []


def test_ob_etom_zayavil_takes_the_paragraphs_sentences_before_it() -> None:
    text = (
        "Когда в отношениях двух государств нет вопросов, это означает, что между ними нет и отношений. "
        "У Москвы с Астаной много вопросов. Об этом заявил глава МИД РФ Сергей Лавров."
    )
    assert said(text) == [
        ("Сергей Лавров", "Когда в отношениях двух государств нет вопросов, это означает, что между ними нет и "
         "отношений. У Москвы с Астаной много вопросов."),
    ]


def test_an_honorific_before_a_surname_and_a_quote_paragraph_with_its_own_speaker() -> None:
    text = (
        "Глава МИД РФ Сергей Лавров прилетел в Астану. «Мы ценим дружбу с Казахстаном и его народом», — сказал он.\n\n"
        "«Для нас дружба и добрососедство с Россией представляют первостепенную значимость»,— с ходу заявил "
        "господин Нуртлеу."
    )
    assert [s for s, _ in said(text)] == ["Сергей Лавров", "Нуртлеу"]
    # a quote paragraph whose attribution names nobody goes on with the speaker before
    text2 = text.rsplit("\n\n", 1)[0] + (
        "\n\n«Россия остается нашим главным партнером в регионе», — говорится в сообщении."
    )
    assert [s for s, _ in said(text2)] == ["Сергей Лавров", "Сергей Лавров"]


def test_a_speech_heading_gives_the_paragraphs_below_to_its_speaker() -> None:
    text = (
        "President of Azerbaijan Ilham Aliyev held a meeting with President of Kazakhstan Kassym-Jomart Tokayev.\n\n"
        "Speech by President Ilham Aliyev\n\n"
        "- Dear Kassym-Jomart Kemelevich, let me warmly welcome you again.\n\n"
        "We have already had a very detailed conversation on the broad agenda of our relations."
    )
    assert [s for s, _ in said(text)] == ["Ilham Aliyev", "Ilham Aliyev"]
    # a heading of nobody the text names changes nothing
    assert said("The ministers met in Baku.\n\nStatement by the press office\n\nThe talks lasted two hours.") == []
    # a sentence that announces the speech below, in a paragraph of its own or at the end of one; rows of dots and a
    # name on a line are no part of it
    text = (
        "Below is the text of the speech made by Sir Alan Duncan, the Minister of State for Europe, in Astana.\n\n"
        "Good morning, and thank you for that warm welcome. It is a privilege for me to be in Astana."
    )
    assert [s for s, _ in said(text)] == ["Alan Duncan"]
    text = (
        "Minister K Shanmugam attended a reception of the Embassy. A transcript of Minister Shanmugam's remarks is"
        " appended.\n\n. . . . .\n\nAmbassador Yerlan Baudarbek-Kozhatayev,\n\n"
        "Singapore is very happy together with Kazakhstan to celebrate the anniversary of our relations."
    )
    assert said(text) == [("K Shanmugam", text.split("\n\n")[-1])]
    # a long post before the name; a name after the event's words is not the speaker's
    text = (
        "Выступление Заместителя Премьер-Министра - Министра иностранных дел РК Мурата Нуртлеу на общих дебатах\n\n"
        "Пока мы собираемся здесь, глобальная система находится на опасной грани разрушения."
    )
    assert [s for s, _ in said(text)] == ["Мурат Нуртлеу"]
    text = (
        "Remarks by the delegation after the meeting with Foreign Minister Murat Nurtleu\n\n"
        "We are here to build a world without nuclear weapons together with our partners."
    )
    assert said(text) == []
    # `Statements by M. François Hollande, …`: plural, a French honorific
    text = (
        "Statements by M. François Hollande, President of the Republic, at his joint press briefing (excerpts)\n\n"
        "This is actually the first official visit I’ve paid to Kazakhstan."
    )
    assert [s for s, _ in said(text)] == ["François Hollande"]


def test_the_head_of_the_ministry_of_kazakhstan_is_ours_not_the_guests() -> None:
    text = (
        "В Нью-Йорке прошла встреча с министром иностранных дел Украины Андреем Сибигой. Мурат Нуртлеу подтвердил, "
        "что Казахстан заинтересован в урегулировании.\n\n"
        "«Астана выступает за решение конфликта политико-дипломатическим путём», — подчеркнул глава МИД РК."
    )
    assert [s for s, _ in said(text)] == ["Мурат Нуртлеу", "Мурат Нуртлеу"]
    # the head of another country's ministry is the guest
    other = text.replace("глава МИД РК", "глава МИД Украины")
    assert [s for s, _ in said(other)] == ["Мурат Нуртлеу", "Андрей Сибига"]


def test_described_as_is_saying_and_an_official_visit_is_no_official() -> None:
    text = (
        "Foreign Minister Ishaq Dar met his Kazakh counterpart Murat Nurtleu. Dar said that Pakistan advocated peace "
        "in the region. Mr Nurtleu, who is on his "
        "first official two-day visit to Pakistan, described the relationship between the two countries as "
        "“time-tested” with “deep and strong roots.”"
    )
    assert [s for s, _ in said(text)] == ["Ishaq Dar", "Murat Nurtleu"]
    # `described` without `as` is no saying
    assert said("Minister Murat Nurtleu described the new building of the embassy in Islamabad to the guests.") == []


def test_his_excellency_is_the_one_spoken_of() -> None:
    text = (
        "Astana, October 10 (QNA) - Ambassador of Qatar Abdulaziz Al Rumaihi described the relations as excellent. "
        "Speaking on the occasion of the visit that the Amir Sheikh Tamim bin Hamad Al-Thani will pay on Tuesday, "
        "His Excellency stressed that the Kazakh authorities attach great importance to this visit."
    )
    assert [s for s, _ in said(text)] == ["Abdulaziz Al Rumaihi", "Abdulaziz Al Rumaihi"]
    # with nobody named before, it stands for nobody
    assert said("His Excellency stressed that the Kazakh authorities attach great importance to this visit.") == []


def test_an_outlet_inside_the_object_does_not_end_the_search_for_the_speaker() -> None:
    text = (
        "Отношения ЕС и Казахстана прокомментировал корреспонденту МИА «Казинформ» Микаэль Зиберт, директор службы."
        "\n\n«Мы с нетерпением ожидаем визита. Это важное событие для ЕС»"
    )
    assert ("Микаэль Зиберт", "«Мы с нетерпением ожидаем визита. Это важное событие для ЕС»") in said(text)
    # right after the verb, the outlet is the subject: no person said it
    assert said("Министр Мурат Нуртлеу прибыл в Вену. «Казахстан готов к диалогу», — сообщает Казинформ.") == []


def test_two_capitalised_words_before_a_verb_of_saying_are_a_name_the_us_is_no_initial() -> None:
    quote = '"This fuel bank will enable peaceful uses of nuclear energy," '
    assert [s for s, _ in said(quote + "Sam Nunn said in a speech.")] == ["Sam Nunn"]
    assert [s for s, _ in said(quote + "former U.S. Senator Sam Nunn said in a speech.")] == ["Sam Nunn"]
    # a body with `the` before it is no person
    assert said(quote + "the Supreme Court said in a ruling.") == []


def test_the_speaker_is_not_looked_for_inside_the_quote_that_follows_the_verb() -> None:
    text = 'In a post on X, Jaishankar stated, "Glad to meet Tajik FM Sirojiddin Muhriddin today in Astana."'
    assert all(s != "Sirojiddin Muhriddin" for s, _ in said(text))
    # a name in quotation marks is no quote: the search goes on past it
    text = "Отношения прокомментировал корреспонденту МИА «Казинформ» Микаэль Зиберт, директор службы."
    assert [s for s, _ in said(text)] == ["Микаэль Зиберт"]


def test_a_relative_clause_between_the_subject_and_the_verb_is_skipped() -> None:
    text = (
        "Iranian Foreign Minister Mohammad Javad Zarif, who met with his Kazakh counterpart, Mukhtar Tileuberdi, "
        "in Nur-Sultan earlier today, told reporters that the talks were constructive."
    )
    assert [s for s, _ in said(text)] == ["Mohammad Javad Zarif"]
    # without the comma that closes the clause, the verb is the clause's own
    text = "Mohammad Javad Zarif met Mukhtar Tileuberdi, who told reporters that the talks were constructive."
    assert [s for s, _ in said(text)] == ["Mukhtar Tileuberdi"]


def test_the_head_of_state_who_just_spoke_is_the_head_of_state_of_the_next_quote() -> None:
    text = (
        "Об этом Президент Беларуси Александр Лукашенко заявил на встрече с послом Казахстана Ерланом Байжановым.\n\n"
        "«Переговоры пройдут на самом высоком уровне, товарооборот вырастет», — сказал глава государства."
    )
    assert [s for s, _ in said(text)][-1] == "Александр Лукашенко"
    # without a head of state who spoke, the head of state with no country named is Kazakhstan's
    text = (
        "Касым-Жомарт Токаев встретился с Президентом Беларуси Александром Лукашенко.\n\n"
        "«Переговоры пройдут на самом высоком уровне, товарооборот вырастет», — сказал глава государства."
    )
    assert [s for s, _ in said(text)] == ["Касым-Жомарт Токаев"]


def test_a_role_noun_is_not_the_one_the_sentence_thanks() -> None:
    text = (
        "Касым-Жомарт Токаев прибыл в Ташкент.\n\n"
        "Глава государства выразил благодарность президенту Шавкату Мирзиёеву за теплое гостеприимство."
    )
    assert [s for s, _ in said(text)] == ["Касым-Жомарт Токаев"]
    # the name a post titles is that post's own: `At a meeting with the Secretary-General X, the latter noted`
    text = (
        "Kairat Umarov met UN officials in New York.\n\nAt a meeting with the UN Secretary-General António "
        'Guterres, the latter noted "the leading role of our country in the region".'
    )
    assert [s for s, _ in said(text)][-1] == "António Guterres"


def test_a_question_to_the_guest_without_a_dash_is_the_interviewers() -> None:
    text = (
        "Посол Казахстана Алмат Айдарбеков дал интервью порталу.\n\n"
        "Как, по Вашему мнению, складываются отношения между нашими странами в последние годы?\n\n"
        "Отношения между нашими народами имеют глубокие исторические корни."
    )
    assert said(text) == [("Алмат Айдарбеков", "Отношения между нашими народами имеют глубокие исторические корни.")]
    # a short line of the page that asks its reader is no interview
    text = "Hi, what are you looking for?\n\nThe aid was delivered by rail. It consisted of food products."
    assert said(text) == []


def test_a_first_initial_without_its_full_stop() -> None:
    text = (
        "Minister of State for External Affairs V Muraleedharan was on a two-day visit to Kazakhstan.\n\n"
        "Muraleedharan emphasised India's policy of greater cooperation with the Central Asian countries."
    )
    assert [s for s, _ in said(text)] == ["V Muraleedharan"]
    # a capital letter before a word of a name of a plan or a product is no initial of a speaker
    assert said("Plan B Kazakhstan said the talks were good.") == []


def test_a_transcript_labelled_with_initials_and_a_possessive_speech_heading() -> None:
    text = (
        "Лидеры двух стран обсудили актуальные вопросы повестки.\n\n"
        "В.Путин: Уважаемый Нурсултан Абишевич! Повод у нас очень хороший – по сотрудничеству регионов.\n\n"
        "Н.Назарбаев: Спасибо. Челябинск очень связан с моей металлургической молодостью."
    )
    assert [s for s, _ in said(text)] == ["В.Путин", "Н.Назарбаев"]  # as the text names them
    text = (
        "Foreign Minister Sergey Lavrov’s statement at a joint news conference following talks with Foreign "
        "Minister Yermek Kosherbayev\n\nI have held candid and constructive talks with my colleague today."
    )
    assert said(text) == [("Sergey Lavrov", "I have held candid and constructive talks with my colleague today.")]
    # a possessive that is no heading of a speech: nobody's words below
    text = "The minister’s visit to Moscow ended on Friday.\n\nThe talks covered trade and energy at length."
    assert said(text) == []


def test_two_surnames_side_by_side_are_two_people() -> None:
    text = "Касым-Жомарт Токаев прибыл в Москву.\n\n«У меня есть некоторые наблюдения», - сказал Токаев Путину."
    assert [s for s, _ in said(text)] == ["Касым-Жомарт Токаев"]
    # a first name and a surname are one person
    assert [s for s, _ in said("«У меня есть некоторые наблюдения», - сказал Владимир Путин.")] == ["Владимир Путин"]


def test_a_surname_alone_before_said_is_a_speaker_and_names_the_full_name_before() -> None:
    first = "Kazakh Foreign Minister Yerlan Idrissov met the Syrian opposition. He said the conflict must end. "
    quote = "“Kazakhstan is a neutral state. It has good relations with Syria,” Kassis said in Moscow."
    assert [s for s, _ in said(first + quote)] == ["Yerlan Idrissov", "Kassis"]  # not Idrissov's
    named = "The leader of the Movement of the Pluralistic Society of Syria, Randa Kassis, initiated the talks. "
    assert [s for s, _ in said(first + named + quote)] == ["Yerlan Idrissov", "Randa Kassis"]
    # a place, a body, a first name or a name after another capitalised word is no surname alone
    assert lone_english_speakers("“A neutral state,” Kassis said. “Good,” Kassis told reporters.") == ["Kassis"] * 2
    for subject in ("Moscow said", "the Ministry said", "Sam Nunn said", "Kazakhstan said", "Reuters said", "Tom said"):
        assert lone_english_speakers(f"“Kazakhstan is a neutral state,” {subject}.") == []


def test_appreciated_and_valued_are_verbs_of_saying_in_english() -> None:
    met = "Kazakh Foreign Minister Yerlan Idrissov met Tatiana Valovaya, Director-General of UNOG. "
    text = met + "T. Valovaya highly appreciated Kazakhstan’s contribution to international initiatives."
    assert [s for s, _ in said(text)] == ["Tatiana Valovaya"]
    assert [s for s, _ in said(met + "Valovaya valued the active membership of Kazakhstan.")] == ["Tatiana Valovaya"]
    # a valued partner is no statement; nor what was appreciated by someone
    assert said(met + "Kazakhstan is a valued partner of the United Nations Office.") == []
    assert said(met + "The contribution was highly appreciated by the Office.") == []


def test_the_guest_of_an_interview_is_the_subject_of_the_sentence_that_tells_of_it() -> None:
    question = (
        "What are the results of the recent conversation between Mukhtar Tileuberdi and U.S. Secretary of State "
        "Antony Blinken? Can you share details with us?\n\n"
    )
    answer = "Kazakhstan and the United States are developing an expanded strategic partnership."
    lede = (
        "Official representative of the Ministry Aibek Smadiyarov revealed in an interview what issues had been "
        "discussed by Mukhtar Tileuberdi and U.S. Secretary of State Antony Blinken.\n\n"
    )
    assert [s for s, _ in said(lede + question + answer)] == ["Aibek Smadiyarov"]
    # with no sentence telling of an interview, the guest is the one named last before the question
    lede = "Official representative Aibek Smadiyarov met Antony Blinken, U.S. Secretary of State.\n\n"
    assert [s for s, _ in said(lede + question + answer)] == ["Antony Blinken"]


def test_a_name_in_quotation_marks_after_the_verb_is_no_speaker() -> None:
    text = (
        "Почетное консульство предложено открыть по итогам встречи губернатора Олега Мельниченко с консулом, "
        "сообщает «Царьград»."
    )
    assert all(s != "Царьград" for s, _ in said(text))
    # the search reads on past an outlet in quotation marks to the name after it
    text = "Отношения прокомментировал корреспонденту «Казинформа» Микаэль Зиберт, директор службы."
    assert [s for s, _ in said(text)] == ["Микаэль Зиберт"]


def test_an_answer_in_the_first_person_is_the_guests_whoever_its_sentences_tell_of() -> None:
    text = (
        "In a wide-ranging interview, Yerzhan Kazykhan, special representative of the president, discussed relations "
        "with the EU.\n\n"
        "Can you introduce yourself and tell us what is bringing you to the capital of Europe?\n\n"
        "I’m the special representative of the president. President Kassym-Jomart Tokayev decided to send me to "
        "Brussels. And he tasked me to convey a message to Council President Charles Michel."
    )
    assert {s for s, _ in said(text)} == {"Yerzhan Kazykhan"}
    # with no question before it, the paragraph's sentences speak for themselves
    text = text.replace("Can you introduce yourself and tell us what is bringing you to the capital of Europe?", "")
    assert "Kassym-Jomart Tokayev" in {s for s, _ in said(text)}


def test_mos_is_indias_minister_of_state() -> None:
    text = (
        "Minister of State for External Affairs Smt. Meenakashi Lekhi led the delegation to the CICA Summit. "
        "In her statement, MoS highlighted India’s support for the initiatives of CICA."
    )
    assert [s for s, _ in said(text)] == ["Meenakashi Lekhi"]


def test_a_transcript_label_that_ends_with_a_name_and_a_bare_english_verb_in_the_speech() -> None:
    text = (
        "President Ilham Aliyev held a meeting with President Kassym-Jomart Tokayev in Astana.\n\n"
        "President Kassym-Jomart Tokayev: We are glad to be welcoming you on an official visit to our country.\n\n"
        "I would like to note that Azerbaijan is a fraternal state. We will listen to the ministers, who should "
        "report on the work done and outline plans."
    )
    assert [s for s, _ in said(text)] == ["Kassym-Jomart Tokayev", "Kassym-Jomart Tokayev"]
    # a label that names nobody, or more than the speaker, is no transcript
    assert said("Photo Credit Agency: The meeting of the two delegations took place in Astana.") == []
    # an attribution in the paragraph after a speech ends it
    text = text.replace("report on the work done and outline plans.", "…”, Aliyev stressed in reply to him.")
    assert "Ilham Aliyev" in [s for s, _ in said(text)]


def test_a_long_remarks_heading_names_its_speaker_first_and_his_thanks_are_his() -> None:
    title = "Remarks by President Charles Michel after his meeting with President of Kazakhstan Kassym-Jomart Tokayev"
    body = (
        "Thank you, President Tokayev, for your warm welcome. This is my first visit to Kazakhstan.\n\n"
        "Kazakhstan is a crucial partner for the EU. I will visit the Alzhir memorial today."
    )
    out = parse(f"{title}\n\n{body}", ArticleMeta()).statements
    assert {s.speaker for s in out} == {"Charles Michel"} and all(not s.text.startswith("Remarks") for s in out)
    # a heading whose first name stands far from its `by` names no speaker
    reader = StatementReader(Resolver(Roster()), [], [])
    far = "Remarks by the Chair of the Council of the Union on the Meeting with Kassym-Jomart Tokayev in Astana"
    assert reader.speech_heading(far) is None
    assert reader.speech_heading(title) is not None and reader.speech_heading(title).name == "Charles Michel"


def test_the_words_before_an_ob_etom_clause_are_what_its_speaker_reported() -> None:
    head = "Новым почетным консулом Казахстана в Грузии стал Георгий Джахуташвили"
    assert said(f"{head}, об этом сообщил посол Бауржан Мухамеджанов.") == [("Бауржан Мухамеджанов", head)]
    # a short clause before it is no statement of its own (an outlet's credit: test_ob_etom_zayavil_after_…)
    text = "Казахстан откроет консульство. В Тбилиси, об этом сообщил посол Бауржан Мухамеджанов."
    assert said(text) == [("Бауржан Мухамеджанов", "Казахстан откроет консульство.")]


def test_a_name_then_its_post_between_commas_is_the_subject_of_the_verb() -> None:
    first = "During the meeting, Aleksandr Lukashenko, President of Belarus, named the priorities. "
    text = first + "Vladimir Putin, President of Russia, stressed that the joint work has become more dynamic."
    assert [s for s, _ in said(text)][-1] == "Vladimir Putin"
    text = first + "Sadyr Japarov, Kyrgyz leader, called for stronger anti-terrorist work."
    assert [s for s, _ in said(text)][-1] == "Sadyr Japarov"
    # a name in a phrase that is no post before the comma is not the subject
    text = (
        "Minister Yermek Kosherbayev met the High Commissioner. During the meeting with HCNM Kamp, Minister "
        "addressed issues of ethnic diversity, highlighting Kazakhstan’s unique experience."
    )
    assert "Kamp" not in {s for s, _ in said(text)}


def test_a_quote_then_said_name_inside_a_longer_paragraph_is_the_named_persons() -> None:
    text = (
        "WTO Director-General Roberto Azevedo and President Nursultan Nazarbayev of Kazakhstan signed the Protocol.\n\n"
        "“I think this is a truly historic occasion for Kazakhstan, and for the WTO,” said Azevedo. "
        "“In approving the protocol we are concluding almost two decades of negotiations.”"
    )
    assert {s for s, _ in said(text)} == {"Roberto Azevedo"}


def test_a_name_in_quotation_marks_before_said_leaves_the_subject_before_it() -> None:
    text = (
        "President Kassym-Jomart Tokayev met Foreign Minister Murat Nurtleu in Astana.\n\n"
        "President Tokayev, speaking at the “Astana International Forum” said the region needs more water."
    )
    assert [s for s, _ in said(text)] == ["Kassym-Jomart Tokayev"]


def test_a_post_reference_with_words_of_its_own_picks_the_holder_of_that_post() -> None:
    text = (
        "MUSCAT: The Shura Council Chairman, HE Dr Salim bin Ahmed al Rashdi, received the delegation led by "
        "Askar Zhumabayev, Deputy Chairman of the Senate of Kazakhstan.\n\n"
        "The council chairman, noted the importance of the visit for relations between the two countries.\n\n"
        "Askar Zhumabayev affirmed that Kazakhstan is keen on enhancing friendship with the Sultanate.\n\n"
        "The talks were chaired by Sheikh Hamad bin Ali al Nuaimi, Vice Chairman of the Shura Council.\n\n"
        "The vice chairman of the Shura Council, stressed the existence of promising opportunities for trade."
    )
    assert [s for s, _ in said(text)] == ["Salim bin Ahmed al Rashdi", "Askar Zhumabayev", "Hamad bin Ali al Nuaimi"]


def test_a_country_after_a_post_reference_does_not_narrow_it_to_a_post_that_names_the_country() -> None:
    text = (
        "President Kassym-Jomart Tokayev received Rashid Meredov, Minister of Foreign Affairs of Turkmenistan, "
        "in the presence of Murat Nurtleu, Minister of Foreign Affairs of Kazakhstan.\n\n"
        "The Head of Kazakhstan noted the progressive development of relations in all areas."
    )
    assert [s for s, _ in said(text)] == ["Kassym-Jomart Tokayev"]


def test_bin_inside_a_run_of_capitals_makes_it_a_persons_name_other_particles_do_not() -> None:
    names = [p.name for p in parsed("Yahya bin Mahfoudh al Manthri received the delegation of Kazakhstan.").people]
    assert names == ["Yahya bin Mahfoudh al Manthri"]
    assert parsed("The delegation of Kazakhstan visited Dar al Hijra Mosque in Muscat.").people == []


def test_a_name_word_that_spells_a_verb_of_saying_is_no_verb() -> None:
    text = "The photo shows Oman Deputy PM Asaad bin Tariq Al Said and President Kassym-Jomart Tokayev at the summit."
    assert said(text) == []


def test_the_same_verb_after_the_name_still_attributes() -> None:
    text = "Oman Deputy PM Asaad bin Tariq Al Said said that the summit opens a new chapter in relations."
    assert [s for s, _ in said(text)] == ["Asaad bin Tariq Al Said"]


def test_an_address_to_the_audience_opens_a_speech_by_the_one_named_above_it() -> None:
    text = (
        "National Statement\n\nPresident of the Republic of Kazakhstan Nursultan Nazarbayev\n\n"
        "Washington, 1 April 2016\n\nYour Excellencies!\n\n"
        "The six-year process of the summits creates a new spirit of hope.\n\n"
        "I would like to thank President Barack Obama for this historic initiative."
    )
    assert {s for s, _ in said(text)} == {"Nursultan Nazarbayev"}
    assert len(said(text)) == 2


def test_an_address_to_the_outlets_readers_opens_no_speech() -> None:
    text = (
        "Foreign Minister Murat Nurtleu met the Ambassador of Japan in Astana.\n\n"
        "Dear readers!\n\n"
        "The sides discussed trade and investment cooperation between the two countries."
    )
    assert said(text) == []


def test_a_press_statement_heading_names_its_speaker_first() -> None:
    text = (
        "Press statement by Prime Minister Viktor Orbán after his talks with President Kassym-Jomart Tokayev\n\n"
        "Honourable President, Ladies and Gentlemen,\n\n"
        "I am pleased to be here with you again in this beautiful capital city."
    )
    assert [s for s, _ in said(text)] == ["Viktor Orbán"]


def test_a_capitalised_foreign_adjective_opening_the_sentence_makes_the_post_foreign() -> None:
    text = (
        "Президент Казахстана Касым-Жомарт Токаев пригласил Владимира Путина посетить республику.\n\n"
        "Российский лидер в свою очередь отметил, что с удовольствием приедет в Казахстан."
    )
    assert [s for s, _ in said(text)][-1:] == ["Владимир Путин"]


def test_a_capitalised_home_adjective_keeps_the_post_at_home() -> None:
    text = (
        "Президент Казахстана Касым-Жомарт Токаев пригласил Владимира Путина посетить республику.\n\n"
        "Казахстанский лидер в свою очередь отметил, что визит будет важным."
    )
    assert [s for s, _ in said(text)][-1:] == ["Касым-Жомарт Токаев"]


def test_a_transcript_label_of_post_and_surname_names_its_speaker_even_if_only_mentioned_before() -> None:
    text = (
        "Совместное заявление для прессы Президента США Трампа и Президента Казахстана Назарбаева\n\n"
        "ПРЕЗИДЕНТ ТРАМП: Спасибо. Я рад приветствовать Президента Назарбаева в Белом доме сегодня."
    )
    assert [s for s, _ in said(text)] == ["Трамп"]


def test_a_transcript_label_without_a_post_names_nobody_new() -> None:
    text = (
        "Совместное заявление для прессы Президента США и Президента Казахстана\n\n"
        "БЕЛЫЙ ДОМ: Для немедленного распространения среди всех аккредитованных журналистов."
    )
    assert said(text) == []


def test_the_country_an_ambassador_is_posted_to_is_not_whose_post_it_is() -> None:
    from bot.news.statements import post_side

    assert post_side("ambassador to India") is None
    assert post_side("Ambassador of India to Kazakhstan") == "foreign"


def test_the_envoy_is_the_ambassador_the_text_named() -> None:
    text = (
        "Kazakhstan's ambassador to India Nurlan Zhalgasbayev hailed the ties between the two countries.\n\n"
        "President Kassym-Jomart Tokayev signed a decree on early elections.\n\n"
        "Talking about the upcoming Kazakhstan elections, the envoy added that the relationship will remain the same."
    )
    assert [s for s, _ in said(text)][-1] == "Nurlan Zhalgasbayev"


def test_initials_and_a_surname_in_an_oblique_case_give_the_nominative_with_the_initials() -> None:
    text = "Ответ представителя М.В.Захаровой. По словам М.В.Захаровой, дипломаты работают в обычном режиме."
    assert [s for s, _ in said(text)] == ["М.В.Захарова"]


def test_initials_and_a_surname_in_the_nominative_are_kept_as_written() -> None:
    text = "Официальный представитель МИД России М.В.Захарова заявила, что дипломаты работают в обычном режиме."
    assert [s for s, _ in said(text)] == ["М.В.Захарова"]


def test_initials_and_a_surname_then_the_full_name_give_the_full_name() -> None:
    text = "По словам М.В.Захаровой, визит готовится. Мария Захарова отметила, что дипломаты работают в обычном режиме."
    assert [s for s, _ in said(text)] == ["Мария Захарова", "Мария Захарова"]


def test_a_clause_of_saying_after_a_comma_is_the_sentence_openers_not_the_nearest_names() -> None:
    text = (
        "Prime Minister Shehbaz Sharif on Tuesday discussed regional connectivity with Kazakhstan’s Foreign Minister "
        "Murat Nurtleu, emphasizing the development of air, rail and road links."
    )
    assert [s for s, _ in said(text)] == ["Shehbaz Sharif"]


def test_a_sentence_opening_with_an_object_leaves_the_clause_to_its_subject() -> None:
    text = "Министра Мурата Нуртлеу принял Президент Касым-Жомарт Токаев, подчеркнув важность развития связей."
    assert [s for s, _ in said(text)] == ["Касым-Жомарт Токаев"]


def test_a_name_with_its_post_after_it_in_a_line_of_capitals_is_a_person() -> None:
    text = (
        "António Guterres, Secretary-General of the United Nations\n\n"
        "Distinguished President Tokayev and my dear friend,\n\n"
        "It is a profound honour to join you today in this beautiful city."
    )
    assert [s for s, _ in said(text)] == ["António Guterres"]


def test_capitals_after_a_post_in_a_title_case_headline_are_still_no_name() -> None:
    text = "Prime Minister of Mongolia Pays Courtesy Call on the President of Kazakhstan"
    assert parsed(text).people == []


def test_a_transcript_label_of_a_post_with_of_and_a_name_names_the_speaker() -> None:
    text = (
        "Vladimir Putin met with President of Kazakhstan Kassym-Jomart Tokayev in Astana.\n\n"
        "President of Kazakhstan Kassym-Jomart Tokayev: Mr Putin, I am delighted to see you in Astana."
    )
    assert [s for s, _ in said(text)] == ["Kassym-Jomart Tokayev"]


def test_a_label_of_a_body_with_of_names_no_speaker() -> None:
    text = "Ministry of Foreign Affairs of Kazakhstan: The ministry is ready to assist all citizens abroad."
    assert said(text) == []


def test_a_city_of_two_names_is_no_person() -> None:
    text = "President Kassym-Jomart Tokayev arrived in Abu Dhabi and met Sheikh Mohamed bin Zayed Al Nahyan."
    assert [p.name for p in parsed(text).people] == ["Kassym-Jomart Tokayev", "Mohamed bin Zayed Al Nahyan"]


def test_a_country_named_before_a_post_makes_the_post_foreign() -> None:
    text = (
        "President of Kazakhstan Kassym-Jomart Tokayev met Sheikh Mohamed bin Zayed Al Nahyan in the Emirates.\n\n"
        "President Tokayev congratulated him on his election.\n\n"
        "In turn, the UAE President expressed his gratitude to the leader of Kazakhstan for the visit."
    )
    assert [s for s, _ in said(text)][-1] == "Mohamed bin Zayed Al Nahyan"


def test_kazakhstan_named_before_a_post_keeps_the_post_at_home() -> None:
    text = (
        "President Kassym-Jomart Tokayev met Sheikh Mohamed bin Zayed Al Nahyan in the capital of the Emirates.\n\n"
        "The Kazakhstan President expressed his gratitude for the warm welcome."
    )
    assert [s for s, _ in said(text)][-1] == "Kassym-Jomart Tokayev"


def test_an_arab_name_shortened_to_an_honorific_and_the_first_name_speaks_a_bare_first_name_does_not() -> None:
    text = (
        "ABU DHABI. KAZINFORM H.H. Sheikh Mansour bin Zayed Al Nahyan, Deputy Prime Minister, on September 20 received "
        "Alikhan Smailov, Prime Minister of Kazakhstan.\n\n"
        "Sheikh Mansour highlighted the importance of the strategic partnership between the two countries.\n\n"
        "Mansour also noted the growth of trade between the two countries."
    )
    found = parse(text, ArticleMeta())
    said = {s.speaker: s.text for s in found.statements}
    assert "importance of the strategic partnership" in said.get("Mansour bin Zayed Al Nahyan", "")
    assert not any("growth of trade" in s.text for s in found.statements)


def test_sentences_glued_at_their_full_stop_are_read_apart_a_sites_name_stays_whole() -> None:
    from bot.news.cleaning import normalize

    text = (
        "Chinese Ambassador to Kazakhstan Zhang Xiao held a phone conversation with Health Minister Aleksey Tsoy. "
        "Tsoy thanked China for its support in the fight against the virus.Ambassador Zhang said that China firmly "
        "supports Kazakhstan in its fight."
    )
    found = parse(text, ArticleMeta())
    assert any(s.speaker == "Zhang Xiao" and "firmly supports" in s.text for s in found.statements)
    assert normalize("as Day.Az and Russian.News.Cn report") == "as Day.Az and Russian.News.Cn report"


def test_a_title_quoting_a_post_is_of_the_one_person_named_with_that_post() -> None:
    body = (
        "\n\nГлава государства Касым-Жомарт Токаев принял Премьер-министра Грузии Ираклия Гарибашвили, передает "
        "агентство.\n\nПриветствуя гостя, Токаев отметил развитие двустороннего сотрудничества."
    )
    title = "Мы ценим наши взаимоотношения, - премьер-министр Грузии о Казахстане"
    found = parse("RSS лента\n\n" + title + body, ArticleMeta())
    assert found.title and found.title.startswith("Мы ценим")  # `RSS лента` is the site's, not the title
    assert any(s.speaker == "Ираклий Гарибашвили" and s.text.startswith("Мы ценим") for s in found.statements)
    # a post the text gives nobody it names is nobody's
    other = parse("Мы ценим наши взаимоотношения, - министр финансов Грузии о Казахстане" + body, ArticleMeta())
    assert not any(s.text.startswith("Мы ценим") for s in other.statements)


def test_a_caption_line_of_a_name_and_post_without_a_colon_gives_the_first_person_paragraph_below() -> None:
    head = "Аким области Асаин Байханов провел встречу с дипломатом из Польши.\n\n"
    text = head + (
        "Асаин Байханов, аким Павлодарской области\n\n"
        "С вашей страной у нас хорошие связи. Мы готовы развивать сотрудничество и дальше."
    )
    found = parse(text, ArticleMeta())
    assert any(s.speaker == "Асаин Байханов" and s.text.startswith("С вашей страной") for s in found.statements)
    # a paragraph below that is not in the first person is narration, not his words
    narration = head + "Асаин Байханов, аким Павлодарской области\n\nВстреча прошла в здании акимата области."
    assert not any(s.text.startswith("Встреча прошла") for s in parse(narration, ArticleMeta()).statements)


def test_a_post_naming_its_field_in_lower_case_and_who_a_speaker_is_between_commas() -> None:
    text = (
        "Darhan Qydyrali, minister of information and social development, said the congress was in the national "
        "interest.\n\nSophia Gatovskaya, a parishioner at Our Lady Of Perpetual Help Cathedral in the capital, said "
        "she attended that first papal visit."
    )
    said = {s.speaker: s.text for s in parse(text, ArticleMeta()).statements}
    assert "congress was in the national interest" in said.get("Darhan Qydyrali", "")
    assert "attended that first papal visit" in said.get("Sophia Gatovskaya", "")
    # a clause with a verb between the commas is no apposition: the one who said it is not the name before it
    other = parse("Darhan Qydyrali, who met the delegation, and the ambassador said it was important.", ArticleMeta())
    assert not any(s.speaker == "Darhan Qydyrali" for s in other.statements)


def test_a_latin_first_name_with_accents_is_the_name_without_them() -> None:
    from bot.news.people import latin_first_name

    assert latin_first_name("Lukáš") and latin_first_name("José")
    assert not latin_first_name("Účast")


def test_that_after_a_clause_of_its_own_is_no_conjunction_but_after_said_on_monday_it_is() -> None:
    from bot.news.statements import statement_text
    from bot.news.tokens import tokenize

    def text_after_said(sentence: str) -> str:
        tokens = tokenize(sentence)
        return statement_text(sentence, tokens, next(i for i, t in enumerate(tokens) if t.text == "said"))

    assert text_after_said("He said on Monday that ties are strong.") == "ties are strong."
    assert text_after_said("Gatovskaya said she attended that first visit.") == (
        "Gatovskaya said she attended that first visit."
    )


def test_the_head_of_our_state_is_ours_not_the_foreign_president_who_spoke_last() -> None:
    text = (
        "Президент Казахстана Касым-Жомарт Токаев принял Президента Узбекистана Шавката Мирзиёева.\n\n"
        "Шавкат Мирзиёев отметил, что отношения двух стран развиваются.\n\n"
        "Глава {} государства подчеркнул, что визит имеет особое значение."
    )
    said = {s.text: s.speaker for s in parse(text.format("нашего"), ArticleMeta()).statements}
    assert said.get("визит имеет особое значение.") == "Касым-Жомарт Токаев"
    # `глава государства` alone is whoever of that post just spoke
    said = {s.text: s.speaker for s in parse(text.replace("{} ", ""), ArticleMeta()).statements}
    assert said.get("визит имеет особое значение.") == "Шавкат Мирзиёев"


def test_a_name_after_a_bracketed_post_abbreviation_a_foreign_adjective_two_words_back_and_a_japanese_name() -> None:
    text = (
        "President Kassym-Jomart Tokayev received here today Secretary General of the Organization of Islamic "
        "Cooperation (OIC) Hissein Brahim Taha. The President praised the role of the organisation. For his part, "
        "the OIC Secretary General valued the active membership of Kazakhstan in the OIC."
    )
    said = {s.text[:40]: s.speaker for s in parse(text, ArticleMeta()).statements}
    assert "Hissein Brahim Taha" in said.values()
    text = (
        "Kazakh Foreign Minister Murat Nurtleu met and held talks with Iran's Acting Foreign Minister Ali Bagheri.\n\n"
        "During the meeting, the Iranian caretaker foreign minister stressed that the capacities should be used.\n\n"
        "The Kazakh foreign minister stressed that trade should grow."
    )
    said = {s.text: s.speaker for s in parse(text, ArticleMeta()).statements}
    assert said.get("the capacities should be used.") == "Ali Bagheri"
    assert said.get("trade should grow.") == "Murat Nurtleu"
    text = (
        "Japanese Foreign Minister Hayashi Yoshimasa met his Kazakh counterpart Mukhtar Tileuberdi on Friday.\n\n"
        "Hayashi said the invasion is a clear violation of international law."
    )
    assert [s.speaker for s in parse(text, ArticleMeta()).statements] == ["Hayashi Yoshimasa"]


def test_an_english_verb_of_saying_used_as_a_noun_or_adjective_gives_no_statement() -> None:
    for sentence in (
        "The meeting was attended by representatives of states, UN Secretary-General António Guterres and others.",
        "Prime Minister Viktor Orban of Hungary and observer states also took part in the forum.",
        "President Gurbanguly Berdimuhamedov attended the event as an invited guest.",
        "He met Foreign Minister Fumio Kishida, who hails from Hiroshima, in Tokyo.",
        "An official welcome ceremony was held for President Ilham Aliyev at the palace.",
    ):
        assert parse(sentence, ArticleMeta()).statements == [], sentence
    # the verb itself still speaks
    said = parse("António Guterres states that the countries of the region must act together.", ArticleMeta())
    assert [s.speaker for s in said.statements] == ["António Guterres"]


def test_a_body_name_ending_in_a_capital_word_a_short_word_after_initials_and_a_greeting_are_no_speakers() -> None:
    text = "In a statement, the Ministry of Industry and Commerce said the two sides discussed trade."
    found = parse(text, ArticleMeta())
    assert all(s.speaker != "Commerce" for s in found.statements)
    found = parse("Его сопровождает министр иностранных дел КНР Ван И. Об этом сообщает агентство.", ArticleMeta())
    assert all("Об" not in s.speaker for s in found.statements)
    text = "Former President George Bush welcomes Kazakh President Nursultan Nazarbayev to his home."
    found = parse(text, ArticleMeta())
    assert found.statements == []
    said = parse("President Tokayev welcomed the decision of the Council, saying it is timely.", ArticleMeta())
    assert [s.speaker for s in said.statements] == ["Tokayev"]  # welcoming a decision is words said


def test_a_rulers_title_and_first_name_stand_for_the_ruler_named_in_full() -> None:
    text = (
        "Qatar's Amir Sheikh Tamim bin Hamad Al Thani held talks with President Kassym-Jomart Tokayev in Astana.\n\n"
        "Amir Tamim also welcomed all fans from Kazakhstan to visit Qatar for the World Cup."
    )
    speakers = {s.speaker for s in parse(text, ArticleMeta()).statements}
    assert speakers == {"Tamim bin Hamad Al Thani"}
    # a first name that no one named in full has stays a name of its own
    other = parse("Amir Khan said the talks in Kabul were useful for both countries.", ArticleMeta())
    assert [s.speaker for s in other.statements] == ["Amir Khan"]
