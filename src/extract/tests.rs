//! Extraction on texts written for the test, one table row per phenomenon.
//!
//! Citations are compared in a compact form, `id date scope form role`
//! (`-` for none), so a failure shows the whole difference at once.

use super::*;

#[derive(Default)]
struct Expect<'a> {
    /// Exactly these citations, in order of first mention.
    citations: Option<&'a [&'a str]>,
    /// Ids that must not be among the citations.
    absent: &'a [&'a str],
    kind: Option<&'a str>,
    title: Option<&'a str>,
    number: Option<Option<&'a str>>,
    date: Option<Option<&'a str>>,
    province: Option<Option<&'a str>>,
    province_now: Option<&'a str>,
    period: Option<Option<[u16; 2]>>,
    parent: Option<Option<&'a str>>,
    parties: Option<&'a [&'a str]>,
    /// `name|title|rank|party`, `-` for none.
    signatories: Option<&'a [&'a str]>,
    /// Diagnostic codes, in order.
    diagnostics: Option<&'a [&'a str]>,
    /// `id implements id`.
    chains: &'a [&'a str],
    /// `id type` of every citation, in order.
    types: Option<&'a [&'a str]>,
    /// `id: pinpoint; pinpoint` of every citation with pinpoints, in order.
    pinpoints: Option<&'a [&'a str]>,
    author: Option<&'a str>,
    /// `id|issuer` (`-` for none), for the citations listed.
    issuers: &'a [&'a str],
    /// `fact|text`: the text at the span of `number`, `date`, `province` or
    /// `period` (`fact|-`: no span).
    spans: &'a [&'a str],
}

fn knowledge() -> Knowledge {
    Knowledge::builtin().expect("built-in data loads")
}

fn compact(c: &Citation) -> String {
    let form = match c.form {
        Form::Full => "full",
        Form::Short => "short",
        Form::Name => "name",
    };
    let role = match c.role {
        Role::Basis => "basis",
        Role::Mention => "mention",
    };
    format!(
        "{} {} {} {form} {role}",
        c.id,
        c.date.map_or_else(|| "-".to_string(), |d| d.to_string()),
        c.scope.as_deref().unwrap_or("-")
    )
}

fn check(name: &str, text: &str, e: Expect) {
    let k = knowledge();
    let x = extract(text, &k);
    let got: Vec<String> = x.citations.iter().map(compact).collect();
    if let Some(want) = e.citations {
        assert_eq!(got, want, "{name}: citations");
    }
    for id in e.absent {
        assert!(
            x.citations.iter().all(|c| c.id != *id),
            "{name}: {id} must not be cited: {got:?}"
        );
    }
    let kind = serde_json::to_value(x.kind).unwrap();
    if let Some(want) = e.kind {
        assert_eq!(kind.as_str(), Some(want), "{name}: kind");
    }
    if let Some(want) = e.title {
        assert_eq!(x.title.as_deref(), Some(want), "{name}: title");
    }
    if let Some(want) = e.number {
        assert_eq!(x.number.as_deref(), want, "{name}: number");
    }
    if let Some(want) = e.date {
        assert_eq!(x.date.map(|d| d.to_string()).as_deref(), want, "{name}: date");
    }
    if let Some(want) = e.province {
        assert_eq!(x.province.as_deref(), want, "{name}: province");
    }
    if let Some(want) = e.province_now {
        assert_eq!(x.province_now.as_deref(), Some(want), "{name}: province_now");
    }
    if let Some(want) = e.period {
        assert_eq!(x.period, want, "{name}: period");
    }
    if let Some(want) = e.parent {
        assert_eq!(x.parent.as_deref(), want, "{name}: parent");
    }
    if let Some(want) = e.parties {
        let got: Vec<&str> = x.parties.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(got, want, "{name}: parties");
    }
    if let Some(want) = e.signatories {
        let got: Vec<String> = x
            .signatories
            .iter()
            .map(|s| {
                format!(
                    "{}|{}|{}|{}",
                    s.name,
                    s.title.as_deref().unwrap_or("-"),
                    s.rank.as_deref().unwrap_or("-"),
                    s.party.as_deref().unwrap_or("-")
                )
            })
            .collect();
        assert_eq!(got, want, "{name}: signatories");
    }
    if let Some(want) = e.diagnostics {
        let got: Vec<&str> = x.diagnostics.iter().map(|d| d.code.as_ref()).collect();
        assert_eq!(got, want, "{name}: diagnostics");
    }
    for chain in e.chains {
        let (a, b) = chain.split_once(" implements ").unwrap();
        let c = x
            .citations
            .iter()
            .find(|c| c.id == a)
            .unwrap_or_else(|| panic!("{name}: {a} not cited"));
        assert!(
            c.implements.iter().any(|t| t == b),
            "{name}: {a} should implement {b}: {:?}",
            c.implements
        );
    }
    if let Some(want) = e.types {
        let got: Vec<String> = x
            .citations
            .iter()
            .map(|c| format!("{} {}", c.id, c.kind.as_deref().unwrap_or("-")))
            .collect();
        assert_eq!(got, want, "{name}: types");
    }
    if let Some(want) = e.pinpoints {
        let got: Vec<String> = x
            .citations
            .iter()
            .filter(|c| !c.pinpoints.is_empty())
            .map(|c| format!("{}: {}", c.id, c.pinpoints.join("; ")))
            .collect();
        assert_eq!(got, want, "{name}: pinpoints");
    }
    if let Some(want) = e.author {
        assert_eq!(x.author.as_deref(), Some(want), "{name}: author");
    }
    for want in e.issuers {
        let (id, issuer) = want.split_once('|').unwrap();
        let c = x
            .citations
            .iter()
            .find(|c| c.id == id)
            .unwrap_or_else(|| panic!("{name}: {id} not cited: {got:?}"));
        assert_eq!(c.issuer.as_deref().unwrap_or("-"), issuer, "{name}: issuer of {id}");
    }
    // Every span points at the text it stands for.
    let chars: Vec<char> = text.chars().collect();
    for c in &x.citations {
        let number = crate::catalog::number_of(&c.id);
        for &[s, t] in &c.mentions {
            assert!(s < t && t <= chars.len(), "{name}: span {s}..{t} out of bounds");
            let written: String = chars[s..t].iter().collect();
            let seen = crate::text::normalize(&written).text;
            let by_title =
                seen.contains(['“', '"']) || crate::text::name_key(&seen).starts_with("chuong trinh phoi hop giua");
            // A law cited by name and date is written without its number.
            let by_name = c.form == Form::Name && crate::text::name_key(&seen).contains("luat");
            assert!(
                seen.replace('.', "").contains(number) || by_title || by_name,
                "{name}: mention {written:?} of {} lacks its number",
                c.id
            );
        }
    }
    for p in &x.parties {
        let [s, t] = p.span;
        assert!(s < t && t <= chars.len(), "{name}: party span");
    }
    // A fact's span is there only with the fact, and lies in the text.
    let f = &x.spans;
    for (fact, span, has) in [
        ("number", f.number, x.number.is_some()),
        ("date", f.date, x.date.is_some()),
        ("province", f.province, x.province.is_some()),
        ("period", f.period, x.period.is_some()),
    ] {
        if let Some([s, t]) = span {
            assert!(has && s < t && t <= chars.len(), "{name}: {fact} span {s}..{t}");
        }
        for want in e.spans.iter().filter_map(|w| w.strip_prefix(fact)?.strip_prefix('|')) {
            let got = span.map_or("-".to_string(), |[s, t]| chars[s..t].iter().collect());
            assert_eq!(got, want, "{name}: text at the {fact} span");
        }
    }
}

const HEAD: &str =
    "CHƯƠNG TRÌNH PHỐI HỢP\nGiữa Sở Giáo dục và Đào tạo và Hội Khuyến học tỉnh Đắk Nông\ngiai đoạn 2024 - 2030\n\n";

fn doc(preamble: &str) -> String {
    format!("{HEAD}{preamble}\n\nI. MỤC ĐÍCH, YÊU CẦU\n\n1. Nội dung.\n")
}

#[test]
fn symbols_with_spaces_around_separators() {
    check(
        "spaces",
        &doc(
            "Căn cứ Quyết định số 1912 /QĐ-UBND ngày 10/11/2021 của Ủy ban nhân dân tỉnh;\n\
              Căn cứ Quyết định số 1373/QĐ - TTg ngày 30/7/2021 của Thủ tướng Chính phủ;\n\
              Căn cứ Kết luận số 49 - KL/TW ngày 10/5/2019 của Ban Bí thư;",
        ),
        Expect {
            citations: Some(&[
                "1912/QĐ-UBND 2021-11-10 Đắk Nông full basis",
                "1373/QĐ-TTg 2021-07-30 - full basis",
                "49-KL/TW 2019-05-10 - full basis",
            ]),
            ..Expect::default()
        },
    );
}

#[test]
fn line_breaks_inside_citations_and_dates() {
    check(
        "line breaks",
        &doc(
            "Căn cứ Quyết định số\n1373/QĐ-\nTTg ngày 30/7/\n2021 của Thủ tướng Chính phủ;\n\
              Căn cứ Kế hoạch số 889/KH-UBND ngày 22 tháng\n12 năm 2023 của UBND tỉnh;",
        ),
        Expect {
            citations: Some(&[
                "1373/QĐ-TTg 2021-07-30 - full basis",
                "889/KH-UBND 2023-12-22 Đắk Nông full basis",
            ]),
            ..Expect::default()
        },
    );
}

#[test]
fn a_bullet_after_a_symbol_is_not_part_of_it() {
    check(
        "bullet",
        "Nơi nhận:\n- Như Kế hoạch số 12/KH-UBND\n- UBND các huyện;\n",
        Expect {
            citations: Some(&["12/KH-UBND - - full mention"]),
            ..Expect::default()
        },
    );
}

#[test]
fn every_shape_of_symbol() {
    check(
        "shapes",
        &doc("Căn cứ Quyết định số 895/QĐ.UB.TC ngày 17/4/2002 của UBND tỉnh;\n\
              Căn cứ Chương trình phối hợp số 40/CTPH-HKVN-ĐTNCSHCM ngày 19/9/2017;\n\
              Căn cứ Công văn số 2315/BGDĐT-GDĐT ngày 20/5/2024 của Bộ Giáo dục và Đào tạo;\n\
              Thực hiện Nghị quyết số 29-NQ/TW ngày 04/11/2013 của Ban Chấp hành Trung ương;\n\
              Căn cứ Quyết định số 05/2021/QĐ-UBND ngày 05/03/2021 của Ủy ban nhân dân tỉnh Đắk Nông;"),
        Expect {
            citations: Some(&[
                "895/QĐ.UB.TC 2002-04-17 Đắk Nông full basis",
                "40/CTPH-HKVN-ĐTNCSHCM 2017-09-19 - full basis",
                "2315/BGDĐT-GDĐT 2024-05-20 - full basis",
                "29-NQ/TW 2013-11-04 - full basis",
                "05/2021/QĐ-UBND 2021-03-05 Đắk Nông full basis",
            ]),
            ..Expect::default()
        },
    );
    let k = knowledge();
    let x = extract(
        &doc("Căn cứ Công văn số 2315/BGDĐT-GDĐT; Thực hiện Nghị quyết số 29-NQ/TW;"),
        &k,
    );
    let types: Vec<&str> = x.citations.iter().filter_map(|c| c.kind.as_deref()).collect();
    assert_eq!(types, ["Công văn", "Nghị quyết"]);
}

#[test]
fn any_case_with_or_without_so() {
    check(
        "case",
        "QUYẾT ĐỊNH SỐ 1373/QĐ-TTg; quyết định 677/QĐ-TTg; Chỉ thị 11-CT/TW; thông tư số 24/2023/tt-bgdđt.",
        Expect {
            citations: Some(&[
                "1373/QĐ-TTg 2021-07-30 - full mention",
                "677/QĐ-TTg 2022-06-03 - full mention",
                "11-CT/TW 2007-04-13 - full mention",
                "24/2023/TT-BGDĐT 2023-12-11 - full mention",
            ]),
            ..Expect::default()
        },
    );
}

#[test]
fn date_shapes_next_to_a_citation() {
    check(
        "dates",
        "Kế hoạch số 1/KH-UBND ngày 05/03/2021; Kế hoạch số 2/KH-UBND, ngày  26  tháng 7  năm 2016; \
         Kế hoạch số 3/KH-UBND ngày 13/ 4 /2007; Kế hoạch số 4/KH-UBND của UBND tỉnh An Giang ngày 5/3/2020; \
         Kế hoạch số 5/KH-UBND và Kế hoạch số 6/KH-UBND ngày 1/1/2020.",
        Expect {
            // The text names An Giang, so it is the province of all of them.
            citations: Some(&[
                "1/KH-UBND 2021-03-05 An Giang full mention",
                "2/KH-UBND 2016-07-26 An Giang full mention",
                "3/KH-UBND 2007-04-13 An Giang full mention",
                "4/KH-UBND 2020-03-05 An Giang full mention",
                "5/KH-UBND - An Giang full mention",
                "6/KH-UBND 2020-01-01 An Giang full mention",
            ]),
            ..Expect::default()
        },
    );
}

#[test]
fn scope_is_the_citing_province_or_the_one_named_beside() {
    check(
        "scope",
        "Bến Tre, ngày 1 tháng 2 năm 2020\n\nCHƯƠNG TRÌNH PHỐI HỢP\ngiữa Sở Giáo dục và Đào tạo và Hội Khuyến học tỉnh\n\n\
         Thực hiện Chỉ thị số 31-CT/TU ngày 30/7/2019 của Ban Thường vụ Tỉnh ủy;\n\
         Căn cứ Kế hoạch số 12/KH-UBND ngày 5/3/2019 của Ủy ban nhân dân tỉnh An Giang;\n\
         Căn cứ Thông tư số 44/2014/TT-BGDĐT ngày 12/12/2014 của Bộ Giáo dục và Đào tạo;\n",
        Expect {
            citations: Some(&[
                "31-CT/TU 2019-07-30 Bến Tre full basis",
                "12/KH-UBND 2019-03-05 An Giang full basis",
                "44/2014/TT-BGDĐT 2014-12-12 - full basis",
            ]),
            province: Some(Some("Bến Tre")),
            province_now: Some("Vĩnh Long"),
            date: Some(Some("2020-02-01")),
            parent: Some(Some("31-CT/TU")),
            parties: Some(&["Sở Giáo dục và Đào tạo tỉnh Bến Tre", "Hội Khuyến học tỉnh Bến Tre"]),
            ..Expect::default()
        },
    );
}

#[test]
fn short_forms_resolve_in_the_document_then_the_catalogue() {
    check(
        "short",
        &doc("Căn cứ Quyết định số 1373/QĐ-TTg ngày 30/7/2021 của Thủ tướng Chính phủ (sau đây gọi tắt là Quyết định số 1373);")
            .replace(
                "1. Nội dung.",
                "1. Thực hiện Quyết định số 1373 và Thông tư số 25; Quyết định số 4567 chưa rõ.",
            ),
        Expect {
            citations: Some(&[
                "1373/QĐ-TTg 2021-07-30 - full basis",
                "25/2023/TT-BGDĐT 2023-12-27 - short mention",
            ]),
            absent: &["4567"],
            diagnostics: Some(&["unresolved-short"]),
            ..Expect::default()
        },
    );
    let k = knowledge();
    let x = extract(
        &doc("Căn cứ Quyết định số 1373/QĐ-TTg ngày 30/7/2021 (sau đây gọi tắt là Quyết định số 1373);"),
        &k,
    );
    assert_eq!(
        x.citations[0].mentions.len(),
        2,
        "the alias definition is a second mention"
    );
}

#[test]
fn names_resolve_through_the_catalogue() {
    check(
        "names",
        "Các bên thực hiện Đề án “Xây dựng xã hội học tập giai đoạn 2021 – 2030” và \
         chương trình \"xây dựng mô hình CÔNG DÂN học tập giai đoạn 2021-2030\"; \
         học bổng “Học không bao giờ ngừng”.",
        Expect {
            citations: Some(&[
                "1373/QĐ-TTg 2021-07-30 - name mention",
                "677/QĐ-TTg 2022-06-03 - name mention",
            ]),
            ..Expect::default()
        },
    );
}

/// A letter whose lower case is longer than itself (`İ`) before a name
/// reference once shifted where the reference starts into the middle of a
/// character.
#[test]
fn letters_that_grow_in_lower_case_before_a_name() {
    let text = "İ Đề án “Xây dựng xã hội học tập giai đoạn 2021-2030”.";
    check(
        "İ before a name",
        text,
        Expect {
            citations: Some(&["1373/QĐ-TTg 2021-07-30 - name mention"]),
            ..Expect::default()
        },
    );
    let x = extract(text, &knowledge());
    assert_eq!(x.citations[0].mentions, [[2, 53]]);
}

#[test]
fn a_programme_named_by_its_parties_and_period_resolves() {
    check(
        "programme by parties",
        "CHƯƠNG TRÌNH\n\nPhối hợp hoạt động khuyến học giữa Hội Khuyến học và Đoàn TNCS Hồ Chí Minh tỉnh Bến Tre giai đoạn 2018 – 2020\n\n\
         Thực hiện Chương trình phối hợp giữa Hội Khuyến học Việt Nam và Trung ương Đoàn TNCS Hồ Chí Minh về hoạt động khuyến học giai đoạn 2017 – 2020, \
         hai cơ quan xây dựng chương trình như sau:\n\nI. MỤC ĐÍCH\n",
        Expect {
            citations: Some(&["40/CTPH-HKVN-ĐTNCSHCM 2017-09-19 - name basis"]),
            parent: Some(Some("40/CTPH-HKVN-ĐTNCSHCM")),
            period: Some(Some([2018, 2020])),
            parties: Some(&["Hội Khuyến học tỉnh Bến Tre", "Đoàn TNCS Hồ Chí Minh tỉnh Bến Tre"]),
            ..Expect::default()
        },
    );
    // Without a period the programme is ambiguous (681 or 02): not guessed.
    check(
        "programme without period",
        "Căn cứ Công văn số 2315/BGDĐT-GDĐT về việc triển khai chương trình phối hợp giữa Bộ Giáo dục và Đào tạo và Hội Khuyến học Việt Nam.",
        Expect {
            citations: Some(&["2315/BGDĐT-GDĐT - - full mention"]),
            ..Expect::default()
        },
    );
}

#[test]
fn own_number_and_numbers_that_are_not_citations() {
    check(
        "not citations",
        "Số: 15/CTPH-HKH-SGDĐT\n\nĐắk Nông, ngày 13 tháng 9 năm 2024\n\nCHƯƠNG TRÌNH PHỐI HỢP\n\n\
         I. NỘI DUNG\n\n1. Thực hiện Chương trình phối hợp số 15/CTPH-HKH-SGDĐT này. \
         Giấy phép số 12/GP-STTTT; điện thoại 0261.3544.123; theo Điều 5; ngày 30/7/2019; \
         2/3 đại biểu; 5/ca trực; giai đoạn 2021-2030/năm.",
        Expect {
            citations: Some(&[]),
            number: Some(Some("15/CTPH-HKH-SGDĐT")),
            date: Some(Some("2024-09-13")),
            province: Some(Some("Đắk Nông")),
            province_now: Some("Lâm Đồng"),
            ..Expect::default()
        },
    );
}

#[test]
fn aliases_and_d_variants_are_one_instrument() {
    check(
        "aliases",
        "Triển khai Quyết định số 324/QĐ-HKHAVN ngày 25/10/2023 của Trung ương Hội Khuyến học Việt Nam; \
         theo Quyết định 324/QĐKHVN; Quyết định số 1373/QÐ-TTg (Ð typed for Đ).",
        Expect {
            citations: Some(&[
                "324/QĐ-KHVN 2023-10-25 - full mention",
                "1373/QĐ-TTg 2021-07-30 - full mention",
            ]),
            ..Expect::default()
        },
    );
}

#[test]
fn nfd_text_reads_as_nfc() {
    use unicode_normalization::UnicodeNormalization;
    let nfc = doc(
        "Căn cứ Quyết định số 1912 /QĐ-UBND ngày 10/11/2021 của Ủy ban nhân dân tỉnh;\n\
                   Căn cứ Kết luận số 49-KL/TW ngày 10/5/2019 của Ban Bí thư;",
    );
    let nfd: String = nfc.nfd().collect();
    assert_ne!(nfc, nfd);
    let k = knowledge();
    let (a, b) = (extract(&nfc, &k), extract(&nfd, &k));
    let ids = |x: &Extraction| x.citations.iter().map(compact).collect::<Vec<_>>();
    assert_eq!(ids(&a), ids(&b));
    let names = |x: &Extraction| x.parties.iter().map(|p| p.name.clone()).collect::<Vec<_>>();
    assert_eq!(names(&a), names(&b));
    assert_eq!(b.province.as_deref(), Some("Đắk Nông"));
    // Spans of the NFD text point at NFD characters that spell the mention.
    let chars: Vec<char> = nfd.chars().collect();
    let [s, t] = b.citations[0].mentions[0];
    let written: String = chars[s..t].iter().collect::<String>().nfc().collect();
    assert_eq!(written, "Quyết định số 1912 /QĐ-UBND");
}

#[test]
fn tone_placement_does_not_stop_names_matching() {
    check(
        "tones",
        "Khánh Hoà, ngày 1 tháng 2 năm 2024\n\nCHƯƠNG TRÌNH PHỐI HỢP\nGiữa Sở Giáo dục và Đào tạo và Hội Khuyến học tỉnh Khánh Hoà giai đoạn 2024-2030\n\n\
         Căn cứ Đề án “Xây dựng xã hội học tập giai đoạn 2021-2030” của Thủ tướng;\n",
        Expect {
            province: Some(Some("Khánh Hòa")),
            province_now: Some("Khánh Hòa"),
            parties: Some(&["Sở Giáo dục và Đào tạo tỉnh Khánh Hòa", "Hội Khuyến học tỉnh Khánh Hòa"]),
            citations: Some(&["1373/QĐ-TTg 2021-07-30 - name basis"]),
            ..Expect::default()
        },
    );
}

#[test]
fn province_from_a_town_or_the_signature_blocks() {
    check(
        "town",
        "Gia Nghĩa, ngày 13 tháng 9 năm 2024\n\nCHƯƠNG TRÌNH PHỐI HỢP\n",
        Expect {
            province: Some(Some("Đắk Nông")),
            province_now: Some("Lâm Đồng"),
            ..Expect::default()
        },
    );
    check(
        "signature",
        "CHƯƠNG TRÌNH PHỐI HỢP\ngiữa Hội Khuyến học và Sở Giáo dục và Đào tạo giai đoạn 2021-2025\n\n\
         I. NỘI DUNG\n\n1. Phối hợp.\n\nHỘI KHUYẾN HỌC TỈNH BẠC LIÊU\nCHỦ TỊCH\n\nTrần Văn Hùng\n",
        Expect {
            province: Some(Some("Bạc Liêu")),
            province_now: Some("Cà Mau"),
            period: Some(Some([2021, 2025])),
            parties: Some(&["Hội Khuyến học tỉnh Bạc Liêu", "Sở Giáo dục và Đào tạo tỉnh Bạc Liêu"]),
            signatories: Some(&["Trần Văn Hùng|Chủ tịch|-|Hội Khuyến học tỉnh Bạc Liêu"]),
            ..Expect::default()
        },
    );
}

#[test]
fn signature_blocks_with_titles_ranks_and_kt() {
    check(
        "blocks",
        "CHƯƠNG TRÌNH PHỐI HỢP\nGiữa Sở Giáo dục và Đào tạo và Bộ Chỉ huy Quân sự tỉnh An Giang\n\n\
         I. NỘI DUNG\n\n1. Phối hợp.\n\n\
         **SỞ GIÁO DỤC VÀ ĐÀO TẠO\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC**\n\n\n*Nguyễn Thị Thu*\n\n\
         BỘ CHỈ HUY QUÂN SỰ TỈNH\nCHỈ HUY TRƯỞNG\n\n★Thượng tá Trần Văn Hùng\n\nNơi nhận:\n- Như trên;\n",
        Expect {
            parties: Some(&[
                "Sở Giáo dục và Đào tạo tỉnh An Giang",
                "Bộ Chỉ huy Quân sự tỉnh An Giang",
            ]),
            signatories: Some(&[
                "Nguyễn Thị Thu|Phó Giám đốc|-|Sở Giáo dục và Đào tạo tỉnh An Giang",
                "Trần Văn Hùng|Chỉ huy trưởng|Thượng tá|Bộ Chỉ huy Quân sự tỉnh An Giang",
            ]),
            ..Expect::default()
        },
    );
}

#[test]
fn news_reports() {
    check(
        "news",
        "Hội Khuyến học tỉnh Lào Cai ký kết phối hợp với Hội Nông dân\n\nMinh Anh\n08:15 - 03/04/2023\n\n\
         Ngày 2/4, Hội Khuyến học tỉnh Lào Cai tổ chức ký kết chương trình phối hợp với Hội Nông dân và Hội Cựu chiến binh tỉnh Lào Cai giai đoạn 2023-2027.\n\n\
         Hội Khuyến học tỉnh Lào Cai ký kết chương trình phối hợp - Ảnh 1.\n\n\
         Phó Chủ tịch Hội Khuyến học tỉnh Lào Cai Hoàng Thị Mai ký kết chương trình. Ảnh: Hội Khuyến học Lào Cai\n\n\
         Hội Liên hiệp Phụ nữ tỉnh cũng tham dự.",
        Expect {
            kind: Some("news"),
            date: Some(Some("2023-04-03")),
            author: Some("Minh Anh"),
            province: Some(Some("Lào Cai")),
            period: Some(Some([2023, 2027])),
            parties: Some(&[
                "Hội Khuyến học tỉnh Lào Cai",
                "Hội Nông dân tỉnh Lào Cai",
                "Hội Cựu chiến binh tỉnh Lào Cai",
            ]),
            signatories: Some(&["Hoàng Thị Mai|Phó Chủ tịch|-|Hội Khuyến học tỉnh Lào Cai"]),
            parent: Some(None),
            ..Expect::default()
        },
    );
    check(
        "news of a signing whose parties are named where they cooperate",
        "Lễ ký kết phối hợp thực hiện công tác khuyến học\n\nThứ 5, 22/02/2024 | 10:09:27 [GMT +7]\n\n\
         Ngày 21/2, Bộ Chỉ huy Quân sự tỉnh và Hội khuyến học tỉnh Long An phối hợp triển khai thực hiện công tác \
         khuyến học, khuyến tài giai đoạn 2024 - 2026.\n\n\
         Qua đó, Bộ CHQS tỉnh phối hợp chặt chẽ với các đoàn thể.\n",
        Expect {
            kind: Some("news"),
            parties: Some(&["Bộ Chỉ huy Quân sự tỉnh Long An", "Hội khuyến học tỉnh Long An"]),
            ..Expect::default()
        },
    );
    check(
        "news of a signing: a party whose name carries its unit (`Tỉnh đoàn`) takes the province bare",
        "Ký kết chương trình phối hợp\n\n18:33, 09/10/2019\n\n\
         Ngày 9.10, Hội Khuyến học tỉnh Hưng Yên tổ chức hội nghị ký kết chương trình phối hợp với Tỉnh đoàn.\n",
        Expect {
            kind: Some("news"),
            parties: Some(&["Hội Khuyến học tỉnh Hưng Yên", "Tỉnh đoàn Hưng Yên"]),
            ..Expect::default()
        },
    );
    check(
        "news of two bodies holding an event together: no parties",
        "Trao học bổng cho học sinh\n\n08:15 - 17/09/2022\n\n\
         Sáng 17/9, Hội Khuyến học tỉnh Nghệ An phối hợp với Tỉnh đoàn Nghệ An tổ chức chương trình trao học bổng \
         cho học sinh dân tộc thiểu số trên địa bàn tỉnh.\n",
        Expect {
            kind: Some("news"),
            parties: Some(&[]),
            ..Expect::default()
        },
    );
    check(
        "news of a signing: offices of people and the venue are not parties",
        "Đẩy mạnh phong trào học tập suốt đời\n\n08:15 - 17/05/2019\n\n\
         Sáng 17/5, tại Hội trường Ủy ban MTTQ Việt Nam tỉnh, Hội Khuyến học tỉnh Nam Định tổ chức Lễ ký kết \
         Chương trình phối hợp với Hội Liên hiệp Phụ nữ tỉnh Nam Định. Dự Lễ ký kết có Phó Chủ tịch UBND tỉnh \
         Trần Văn Nam.\n",
        Expect {
            kind: Some("news"),
            parties: Some(&["Hội Khuyến học tỉnh Nam Định", "Hội Liên hiệp Phụ nữ tỉnh Nam Định"]),
            ..Expect::default()
        },
    );
}

#[test]
fn kinds_and_titles() {
    check(
        "plan",
        "ỦY BAN NHÂN DÂN\nTỈNH AN GIANG\n\nSố: 685/KH-UBND\n\nAn Giang, ngày 12 tháng 11 năm 2021\n\nKẾ HOẠCH\nThực hiện Đề án “Xây dựng xã hội học tập giai đoạn 2021-2030”\n\n\
         Thực hiện Quyết định số 1373/QĐ-TTg ngày 30/7/2021 của Thủ tướng Chính phủ;\n\nI. MỤC ĐÍCH\n",
        Expect {
            kind: Some("plan"),
            title: Some("KẾ HOẠCH Thực hiện Đề án “Xây dựng xã hội học tập giai đoạn 2021-2030”"),
            number: Some(Some("685/KH-UBND")),
            parent: Some(Some("1373/QĐ-TTg")),
            period: Some(Some([2021, 2030])),
            ..Expect::default()
        },
    );
    check(
        "a gazette text: running header, page number and signing stamp above; the enacting body under the title",
        "Người ký: CỔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ\nEmail: thongtinchinhphu@chinhphu.vn\n\
         Thời gian ký: 06.05.2025 09:58:16 +07:00\n18\nCÔNG BÁO/Số 655 + 656/Ngày 21-4-2025\n\
         ỦY BAN THƯỜNG VỤ QUỐC HỘI CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\
         Nghị quyết số: 89/2025/UBTVQH15 Hà Nội, ngày 25 tháng 6 năm 2025\nNGHỊ QUYẾT\n\
         Về mức chi tổ chức và hoạt động bảo hiểm xã hội\ngiai đoạn 2025 - 2027\nỦY BAN THƯỜNG VỤ QUỐC HỘI\n\
         Căn cứ Luật Bảo hiểm xã hội số 41/2024/QH15;\n",
        Expect {
            title: Some("NGHỊ QUYẾT Về mức chi tổ chức và hoạt động bảo hiểm xã hội giai đoạn 2025 - 2027"),
            number: Some(Some("89/2025/UBTVQH15")),
            date: Some(Some("2025-06-25")),
            province: Some(None),
            citations: Some(&["41/2024/QH15 - - full basis"]),
            ..Expect::default()
        },
    );
    check(
        "a page whose first lines are a signing stamp",
        "Ký bởi: CÔNG BÁO NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nCơ quan: VĂN PHÒNG CHÍNH PHỦ\n\
         Ngày ký: 2026-05-29 15:13:29 +07:00\n81\nBảng giá dịch vụ\n",
        Expect {
            title: Some("Bảng giá dịch vụ"),
            ..Expect::default()
        },
    );
    check(
        "other",
        "Biên bản họp ngày 5/5/2020.\n",
        Expect {
            kind: Some("other"),
            citations: Some(&[]),
            period: Some(None),
            ..Expect::default()
        },
    );
}

#[test]
fn chains_stated_in_the_text() {
    check(
        "chain",
        &doc("Thực hiện Chỉ thị số 31-CT/TU, ngày 30/7/2019 của Ban Thường vụ Tỉnh ủy về việc thực hiện Kết luận số 49-KL/TW, ngày 10/5/2019 của Ban Bí thư về tiếp tục thực hiện Chỉ thị số 11-CT/TW, ngày 13/4/2007 của Bộ Chính trị;"),
        Expect {
            chains: &["31-CT/TU implements 49-KL/TW", "49-KL/TW implements 11-CT/TW"],
            parent: Some(Some("31-CT/TU")),
            ..Expect::default()
        },
    );
}

#[test]
fn markdown_and_stray_symbols_are_ignored() {
    check(
        "markdown",
        "### **CHƯƠNG TRÌNH PHỐI HỢP**\n\n**Giữa Sở Giáo dục và Đào tạo và Hội Khuyến học tỉnh Đắk Nông  \nvề khuyến học giai đoạn 2024 - 2030**\n\n\
         Căn cứ Chương trình phối hợp số **02/CTr-BGDĐT-HKHVN** ngày 10/5/2024;\n\n## I. MỤC ĐÍCH\n",
        Expect {
            title: Some("CHƯƠNG TRÌNH PHỐI HỢP Giữa Sở Giáo dục và Đào tạo và Hội Khuyến học tỉnh Đắk Nông về khuyến học giai đoạn 2024 - 2030"),
            citations: Some(&["02/CTr-BGDĐT-HKHVN 2024-05-10 - full basis"]),
            parent: Some(Some("02/CTr-BGDĐT-HKHVN")),
            ..Expect::default()
        },
    );
}

#[test]
fn a_user_catalogue_is_consulted() {
    let mut k = knowledge();
    k.catalog
        .extend_from_toml(
            "version = 1\n[[instrument]]\nid = \"31-CT/TU\"\ntype = \"Chỉ thị\"\ndate = \"2019-07-30\"\nscope = \"An Giang\"\nissuer = \"Tỉnh ủy An Giang\"\n",
            "test",
        )
        .unwrap();
    let x = extract("Thực hiện Chỉ thị số 31-CT/TU.", &k);
    let c = &x.citations[0];
    assert!(c.catalogued);
    assert_eq!(c.date.map(|d| d.to_string()).as_deref(), Some("2019-07-30"));
    assert_eq!(c.scope.as_deref(), Some("An Giang"));
    assert_eq!(c.issuer.as_deref(), Some("Tỉnh ủy An Giang"));
}

#[test]
fn degenerate_inputs_give_empty_results() {
    let k = knowledge();
    for text in [
        "",
        " ",
        "\n\n\n",
        "★★★",
        "/-/-/",
        "1/",
        "CHƯƠNG TRÌNH",
        "Số:",
        "ngày 32/13/2020",
    ] {
        let x = extract(text, &k);
        assert!(x.citations.is_empty(), "{text:?}");
    }
}

/// Extraction is total: whatever the text, it returns, its spans lie inside
/// the text, and it says the same thing twice.
mod never_panics {
    use proptest::prelude::*;

    use super::*;

    const SEEDS: &[&str] = &[
        include_str!("../../corpus/000_3e04f7b4aea0b5e4.txt"),
        include_str!("../../corpus/002_2d9da3428af69006.txt"),
        include_str!("../../corpus/004_f7e41c7e93cfee71.txt"),
    ];

    /// Pieces real documents are made of, to be shuffled into nonsense.
    const TOKENS: &[&str] = &[
        "Căn cứ ",
        "Thực hiện ",
        "Quyết định số ",
        "Chỉ thị ",
        "1373",
        "11",
        "/",
        "-",
        " - ",
        "QĐ",
        "TTg",
        "CT",
        "TW",
        "2021",
        "/2021/",
        "ngày ",
        "30/7/2021",
        "ngày 26 tháng 7 năm 2016",
        "\n",
        "\n\n",
        " ",
        "giữa ",
        "và ",
        "Hội Khuyến học ",
        "tỉnh ",
        "Đắk Nông",
        "Sở Giáo dục và Đào tạo",
        "“",
        "”",
        "\"",
        "CHƯƠNG TRÌNH PHỐI HỢP",
        "Số: ",
        "**",
        "★",
        "\u{301}",
        "\u{323}",
        "Ð",
        "hoà",
        "giai đoạn 2024 - 2030",
        "I. MỤC ĐÍCH\n",
        "CHỦ TỊCH\n",
        "Nguyễn Văn A\n",
        "Đề án “Xây dựng xã hội học tập giai đoạn 2021-2030”",
        "(sau đây gọi tắt là Quyết định số 1373)",
        "Chương trình phối hợp giữa Hội Khuyến học Việt Nam và Trung ương Đoàn",
        "Ảnh: ",
        "- Ảnh 1.",
        "\r\n",
        "\t",
        "của Ủy ban nhân dân tỉnh ",
        "KT. GIÁM ĐỐC\n",
        "Đại tá ",
        ";",
        ".",
        ",",
        "ký kết ",
        "08:15 - 03/04/2023\n",
    ];

    fn total(text: &str) {
        let k = knowledge();
        let a = extract(text, &k);
        let n = text.chars().count();
        let spans = a
            .citations
            .iter()
            .flat_map(|c| c.mentions.iter().copied())
            .chain(a.parties.iter().map(|p| p.span))
            .chain(a.signatories.iter().map(|s| s.span))
            .chain(a.diagnostics.iter().filter_map(|d| d.span));
        for [s, e] in spans {
            assert!(s <= e && e <= n, "span {s}..{e} outside a text of {n} characters");
        }
        let b = extract(text, &k);
        assert_eq!(serde_json::to_string(&a).unwrap(), serde_json::to_string(&b).unwrap());
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

        #[test]
        fn arbitrary_text(s in "\\PC{0,300}") {
            total(&s);
        }

        #[test]
        fn arbitrary_characters_including_controls(s in prop::collection::vec(any::<char>(), 0..300)) {
            total(&s.into_iter().collect::<String>());
        }

        #[test]
        fn shuffled_document_pieces(parts in prop::collection::vec(prop::sample::select(TOKENS), 0..160)) {
            total(&parts.concat());
        }

        #[test]
        fn mutated_seeds(
            seed in 0usize..SEEDS.len(),
            edits in prop::collection::vec((any::<prop::sample::Index>(), 0u8..5, any::<char>(), 0usize..400), 0..30),
        ) {
            let mut chars: Vec<char> = SEEDS[seed].chars().collect();
            for (at, op, c, len) in edits {
                if chars.is_empty() {
                    chars.push(c);
                    continue;
                }
                let i = at.index(chars.len());
                match op {
                    0 => { chars.remove(i); }
                    1 => chars.insert(i, c),
                    2 => chars[i] = c,
                    3 => {
                        let end = (i + len).min(chars.len());
                        let copy: Vec<char> = chars[i..end].to_vec();
                        chars.splice(i..i, copy);
                    }
                    _ => chars.truncate(i),
                }
            }
            total(&chars.into_iter().collect::<String>());
        }
    }
}

/// A Sở's plan that carries out a national programme names that
/// programme's parties in its title: it is a plan (one body's), not an
/// agreement between the ministry and Hội Khuyến học Việt Nam.
const PROVINCIAL_PLAN: &str = "UBND TỈNH QUẢNG NGÃI\nSỞ GIÁO DỤC VÀ ĐÀO TẠO\n\nSố: 1520/KH-SGDĐT\n\n\
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nQuảng Ngãi, ngày 12 tháng 7 năm 2024\n\n\
KẾ HOẠCH\nTriển khai thực hiện Chương trình phối hợp số 02/CTr-BGDĐT-HKHVN ngày 10/5/2024 giữa Bộ Giáo dục và \
Đào tạo và Hội Khuyến học Việt Nam về đẩy mạnh công tác khuyến học, khuyến tài, xây dựng xã hội học tập giai đoạn \
2024-2030\n\n\
Căn cứ Chương trình phối hợp số 02/CTr-BGDĐT-HKHVN ngày 10/5/2024 giữa Bộ Giáo dục và Đào tạo và Hội Khuyến học \
Việt Nam về đẩy mạnh công tác khuyến học, khuyến tài, xây dựng xã hội học tập giai đoạn 2024-2030;\n\n\
Căn cứ Công văn số 2315/BGDĐT-GDĐT ngày 20/5/2024 của Bộ Giáo dục và Đào tạo về việc triển khai chương trình \
phối hợp giữa Bộ Giáo dục và Đào tạo và Hội Khuyến học Việt Nam;\n\n\
Sở Giáo dục và Đào tạo xây dựng Kế hoạch triển khai thực hiện trên địa bàn tỉnh như sau:\n\n\
I. MỤC ĐÍCH, YÊU CẦU\n\n\
1. Quán triệt đến các phòng giáo dục và đào tạo nội dung Chương trình phối hợp số 02/CTr-BGDĐT-HKHVN.\n\n\
2. Phối hợp chặt chẽ với Hội Khuyến học tỉnh trong việc xây dựng các mô hình học tập.\n\n\
II. TỔ CHỨC THỰC HIỆN\n\n\
Phòng Giáo dục thường xuyên chủ trì, theo dõi, tổng hợp kết quả thực hiện Kế hoạch này.\n\n\
Nơi nhận:\n- Bộ GDĐT (để báo cáo);\n- Hội Khuyến học tỉnh (để phối hợp);\n- Lưu: VT, GDTX.\n\n\
KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\nNguyễn Văn Long\n";

#[test]
fn a_provincial_plan_carrying_out_a_national_programme_is_a_plan() {
    check(
        "provincial plan",
        PROVINCIAL_PLAN,
        Expect {
            kind: Some("plan"),
            number: Some(Some("1520/KH-SGDĐT")),
            province: Some(Some("Quảng Ngãi")),
            period: Some(Some([2024, 2030])),
            parent: Some(Some("02/CTr-BGDĐT-HKHVN")),
            parties: Some(&[]),
            ..Expect::default()
        },
    );
    // A joint plan is still an agreement; so is a programme whose title
    // names its own parties before what it carries out.
    check(
        "joint plan",
        "KẾ HOẠCH PHỐI HỢP\nGiữa Sở Giáo dục và Đào tạo và Hội Khuyến học tỉnh Quảng Ngãi thực hiện Chương trình số 02/CTr-BGDĐT-HKHVN giai đoạn 2024-2030\n\nI. NỘI DUNG\n\n1. Nội dung.\n",
        Expect {
            kind: Some("agreement"),
            parties: Some(&["Sở Giáo dục và Đào tạo tỉnh Quảng Ngãi", "Hội Khuyến học tỉnh Quảng Ngãi"]),
            ..Expect::default()
        },
    );
}

#[test]
fn an_issuer_ends_before_a_conjunction_and_another_instrument() {
    check(
        "issuer and another instrument",
        &doc("Căn cứ Quyết định số 1373/QĐ-TTg ngày 30/7/2021 của Thủ tướng Chính phủ và Quyết định số 281/QĐ-TTg ngày 20/02/2014 của Thủ tướng Chính phủ về đẩy mạnh phong trào học tập suốt đời;\n\nCăn cứ Quyết định số 05/2021/QĐ-UBND ngày 05/03/2021 của Ủy ban nhân dân tỉnh, Kế hoạch số 889/KH-UBND ngày 22/12/2023 của UBND tỉnh Đắk Nông;"),
        Expect {
            issuers: &[
                "1373/QĐ-TTg|Thủ tướng Chính phủ",
                "281/QĐ-TTg|Thủ tướng Chính phủ",
                "05/2021/QĐ-UBND|Ủy ban nhân dân tỉnh",
                "889/KH-UBND|UBND tỉnh Đắk Nông",
            ],
            ..Expect::default()
        },
    );
}

#[test]
fn a_joint_party_symbol_keeps_its_last_issuer() {
    check(
        "joint party symbol",
        &doc("Căn cứ Chương trình phối hợp số 56-CTr/ĐTN-HKH ngày 12/3/2024 giữa Ban Thường vụ Tỉnh đoàn và Hội Khuyến học tỉnh;\n\nCăn cứ Chỉ thị số 31-CT/TU, ngày 30/7/2019 của Ban Thường vụ Tỉnh ủy;"),
        Expect {
            citations: Some(&[
                "56-CTr/ĐTN-HKH 2024-03-12 Đắk Nông full basis",
                "31-CT/TU 2019-07-30 Đắk Nông full basis",
            ]),
            ..Expect::default()
        },
    );
}

#[test]
fn a_signatory_after_a_bare_tinh_is_no_locality() {
    check(
        "signatory after tỉnh",
        "Hội Khuyến học tỉnh Lào Cai ký kết phối hợp với Hội Nông dân\n\nMinh Anh\n08:15 - 03/04/2023\n\n\
         Ngày 2/4, Hội Khuyến học tỉnh Lào Cai tổ chức ký kết chương trình phối hợp với Hội Nông dân tỉnh Lào Cai giai đoạn 2023-2027.\n\n\
         Phó Chủ tịch Hội Khuyến học tỉnh Lê Thị Hòa và Chủ tịch Hội Nông dân tỉnh Lào Cai Hoàng Văn Nam ký kết chương trình.\n",
        Expect {
            kind: Some("news"),
            province: Some(Some("Lào Cai")),
            parties: Some(&["Hội Khuyến học tỉnh Lào Cai", "Hội Nông dân tỉnh Lào Cai"]),
            signatories: Some(&[
                "Lê Thị Hòa|Phó Chủ tịch|-|Hội Khuyến học tỉnh Lào Cai",
                "Hoàng Văn Nam|Chủ tịch|-|Hội Nông dân tỉnh Lào Cai",
            ]),
            ..Expect::default()
        },
    );
}

const AGREEMENT_BODY: &str =
    "CHƯƠNG TRÌNH PHỐI HỢP\nGiữa Hội Khuyến học và Sở Giáo dục và Đào tạo tỉnh Bến Tre giai đoạn 2024 - 2030\n\n\
     I. MỤC ĐÍCH\n\n1. Phối hợp.\n\n";

#[test]
fn two_column_header_gives_number_date_and_place() {
    for (name, header) in [
        (
            "spaces",
            "HỘI KHUYẾN HỌC TỈNH BẾN TRE        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
             SỞ GIÁO DỤC VÀ ĐÀO TẠO               Độc lập - Tự do - Hạnh phúc\n\
             Số: 12/CTPH-HKH-SGDĐT             Bến Tre, ngày 5 tháng 3 năm 2024\n\n",
        ),
        (
            "tabs",
            "HỘI KHUYẾN HỌC TỈNH BẾN TRE\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\tĐộc lập - Tự do - Hạnh phúc\n\
             Số: 12/CTPH-HKH-SGDĐT\tBến Tre, ngày 05/3/2024\n\n",
        ),
        (
            "table cells",
            "HỘI KHUYẾN HỌC TỈNH BẾN TRE | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n\
             Số: 12/CTPH-HKH-SGDĐT | Bến Tre, ngày 5 tháng 3 năm 2024 |\n\n",
        ),
        (
            "date broken in a narrow column",
            "HỘI KHUYẾN HỌC TỈNH BẾN TRE\n-------\n|\nCỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM\n|\nSố: 12/CTPH-HKH-SGDĐT\n|\n\
             Bến Tre, ngày\n5 tháng 3 năm 2024\n|\n\n",
        ),
        (
            "columns joined by one space (a PDF's content order)",
            "HỘI KHUYẾN HỌC TỈNH BẾN TRE CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\
             Số: 12/CTPH-HKH-SGDĐT Bến Tre, ngày 5 tháng 3 năm 2024\n\n",
        ),
        (
            "issuer column missing",
            "                                   CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
             Số: 12/CTPH-HKH-SGDĐT              Bến Tre, ngày 5 tháng 3 năm 2024\n\n",
        ),
    ] {
        check(
            name,
            &format!("{header}{AGREEMENT_BODY}"),
            Expect {
                kind: Some("agreement"),
                number: Some(Some("12/CTPH-HKH-SGDĐT")),
                date: Some(Some("2024-03-05")),
                province: Some(Some("Bến Tre")),
                period: Some(Some([2024, 2030])),
                ..Expect::default()
            },
        );
    }
}

#[test]
fn side_by_side_signature_blocks_give_one_signatory_each() {
    let parties: &[&str] = &["Hội Khuyến học tỉnh Bến Tre", "Sở Giáo dục và Đào tạo tỉnh Bến Tre"];
    for (name, blocks, want) in [
        (
            "spaces",
            "HỘI KHUYẾN HỌC TỈNH              SỞ GIÁO DỤC VÀ ĐÀO TẠO\nCHỦ TỊCH                          GIÁM ĐỐC\n\n\n\
             Trần Văn An                       Phạm Thị Bình\n",
            &[
                "Trần Văn An|Chủ tịch|-|Hội Khuyến học tỉnh Bến Tre",
                "Phạm Thị Bình|Giám đốc|-|Sở Giáo dục và Đào tạo tỉnh Bến Tre",
            ][..],
        ),
        (
            "tabs, stamps and (Đã ký)",
            "HỘI KHUYẾN HỌC TỈNH\tSỞ GIÁO DỤC VÀ ĐÀO TẠO\nCHỦ TỊCH\tGIÁM ĐỐC\n(Đã ký)\t(Đã ký)\n\nTrần Văn An\tPhạm Thị Bình\n",
            &[
                "Trần Văn An|Chủ tịch|-|Hội Khuyến học tỉnh Bến Tre",
                "Phạm Thị Bình|Giám đốc|-|Sở Giáo dục và Đào tạo tỉnh Bến Tre",
            ][..],
        ),
        (
            "KT. and TM. with a title line in one column",
            "TM. BAN THƯỜNG VỤ                  KT. GIÁM ĐỐC\nHỘI KHUYẾN HỌC TỈNH                SỞ GIÁO DỤC VÀ ĐÀO TẠO\n\
             CHỦ TỊCH                           PHÓ GIÁM ĐỐC\n\n\nTrần Văn An                        Phạm Thị Bình\n",
            &[
                "Trần Văn An|Chủ tịch|-|Hội Khuyến học tỉnh Bến Tre",
                "Phạm Thị Bình|Phó Giám đốc|-|Sở Giáo dục và Đào tạo tỉnh Bến Tre",
            ][..],
        ),
        (
            "a rank, and a column missing on one line",
            "HỘI KHUYẾN HỌC TỈNH              BỘ CHỈ HUY QUÂN SỰ TỈNH\n                                  KT. CHỈ HUY TRƯỞNG\n\
             CHỦ TỊCH                          PHÓ CHỈ HUY TRƯỞNG\n\n\nTrần Văn An                       Đại tá Lê Văn Cường\n",
            &[
                "Trần Văn An|Chủ tịch|-|Hội Khuyến học tỉnh Bến Tre",
                "Lê Văn Cường|Phó Chỉ huy trưởng|Đại tá|-",
            ][..],
        ),
        (
            "recipients beside the block, a rank line, a digital signature and a page number",
            "Nơi nhận:                          GIÁM ĐỐC SỞ GIÁO DỤC VÀ ĐÀO TẠO\n- Như trên;\n- Lưu: VT.\n\n\
             - 7 -\n\nNgười ký: Sở Giáo dục và Đào tạo\nThời gian ký: 12.03.2024 09:10:11 +07:00\n                                    Thượng tá\n                                   Phạm Thị Bình\n",
            &["Phạm Thị Bình|Giám đốc|Thượng tá|Sở Giáo dục và Đào tạo tỉnh Bến Tre"][..],
        ),
    ] {
        check(
            name,
            &format!("{AGREEMENT_BODY}{blocks}"),
            Expect {
                parties: Some(parties),
                signatories: Some(want),
                ..Expect::default()
            },
        );
    }
}

#[test]
fn the_signer_a_database_page_names() {
    check(
        "database labels",
        "Kế hoạch 4341/KH-UBND 2022 Khánh Hòa\n\nSố hiệu: 4341/KH-UBND Loại văn bản: Kế hoạch\n\
         Nơi ban hành: Tỉnh Khánh Hòa Người ký: Đinh Văn Thiệu\n\nỦY BAN NHÂN DÂN\nTỈNH KHÁNH HÒA\n",
        Expect {
            kind: Some("plan"),
            province: Some(Some("Khánh Hòa")),
            signatories: Some(&["Đinh Văn Thiệu|-|-|-"]),
            ..Expect::default()
        },
    );
    check(
        "table of labels",
        "Tập tin đính kèm\nSố hiệu | 460/PGD&ĐT | Cơ quan ban hành | Phòng Giáo dục và Đào tạo Hiệp Hòa |\n\
         Loại tài liệu | Công văn | Người ký | Trưởng phòng - Phạm Văn Hà |\n",
        Expect {
            kind: Some("other"),
            province: Some(Some("Bắc Giang")),
            signatories: Some(&["Phạm Văn Hà|Trưởng phòng|-|-"]),
            ..Expect::default()
        },
    );
    check(
        "rows of a copied table: label and value joined by a space",
        "Quyết định 1741/QĐ-UBND năm 2021 về Kế hoạch thực hiện Đề án trên địa bàn tỉnh Quảng Ngãi\n\n\
         Số hiệu 1741/QĐ-UBND\nNgày ban hành 08/11/2021\nLoại văn bản Quyết định\n\
         Cơ quan ban hành Tỉnh Quảng Ngãi\nNgười ký Trần Hoàng Tuấn\nLĩnh vực Giáo dục\n",
        Expect {
            number: Some(Some("1741/QĐ-UBND")),
            citations: Some(&[]),
            signatories: Some(&["Trần Hoàng Tuấn|-|-|-"]),
            ..Expect::default()
        },
    );
}

#[test]
fn news_pages_in_their_shapes() {
    for (name, text, date) in [
        (
            "weekday in capitals",
            "Đại hội Hội Khuyến học cấp xã sẽ xong trong tháng 8\n\nTHỨ TƯ, 05/08/2020 12:16:19\n\nTheo Hội Khuyến học tỉnh, gần 80% số hội đã đại hội.\n",
            Some("2020-08-05"),
        ),
        (
            "updated on",
            "Chung tay xây dựng quỹ khuyến học\n\nCập nhật ngày: 17/06/2013 05:11:51\n\nChiều 14/6, Hội Khuyến học tỉnh trao học bổng.\n",
            Some("2013-06-17"),
        ),
        (
            "agency and time first",
            "Triển khai phong trào\n\nTNĐT 17:23, 13/11/2023\n\nPhó Thủ tướng vừa ký Quyết định.\n",
            Some("2023-11-13"),
        ),
        (
            "time zone in brackets",
            "Tăng cường công tác khuyến học\n\nThứ Sáu, 19/07/2019, 23:24 [GMT+7]\n\nBan Thường vụ Tỉnh ủy vừa ban hành Thông tri.\n",
            Some("2019-07-19"),
        ),
        (
            "the site's today above the article's stamp",
            "Thứ Năm, 19/9/2024\nThời sự - Chính trị\nThứ Tư, 1/12/2021 15:39'(GMT+7)\n\nĐại hội Hội Khuyến học Việt Nam\n\nPhó Thủ tướng phát biểu.\n",
            Some("2021-12-01"),
        ),
        (
            "a byline glued to its date",
            "Đại hội Hội khuyến học xã Toàn Lưu lần thứ nhất\n\nThúy Quỳnh03/02/2026\n\
             Chiều nay, Đại hội đại biểu Hội khuyến học xã Toàn Lưu lần thứ nhất, nhiệm kỳ 2025 -2030 đã diễn ra \
             thành công tốt đẹp. Tham dự có lãnh đạo Hội khuyến học tỉnh.\n",
            Some("2026-02-03"),
        ),
        (
            "a copy's date before the headline",
            " date 2025-12-13 Xây dựng phong trào khuyến học các tỉnh Bắc Trung bộ\n\nSáng 13/12, Hội Khuyến học tỉnh Thanh Hóa tổ chức hội nghị.\n",
            Some("2025-12-13"),
        ),
        (
            "no stamp, running prose",
            "8 tỉnh khu vực Đông Bắc đẩy mạnh công tác khuyến học\n\nTrong năm 2022, Hội Khuyến học 8 tỉnh đã làm tốt công tác tham mưu với cấp uỷ, chính quyền địa phương triển khai các hoạt động khuyến học, khuyến tài.\n",
            None,
        ),
    ] {
        check(
            name,
            text,
            Expect {
                kind: Some("news"),
                date: Some(date),
                ..Expect::default()
            },
        );
    }
    // A paper without a programme heading is not news.
    for (name, text) in [
        (
            "decision",
            "UỶ BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\nSố: 733/QĐ-UBND | Vĩnh Long, ngày 19 tháng 5 năm 2014 |\n\
             CHỦ TỊCH UỶ BAN NHÂN DÂN TỈNH VĨNH LONG\nCăn cứ Quyết định số 281/QĐ-TTg, ngày 20/02/2014 của Thủ tướng Chính phủ về việc phê duyệt Đề án đẩy mạnh phong trào học tập suốt đời trong gia đình, dòng họ, cộng đồng đến năm 2020;\n",
        ),
        (
            "report",
            "UBND HUYỆN THANH OAI\nHỘI KHUYẾN HỌC\n\nBÁO CÁO\nTổng kết công tác khuyến học nhiệm kỳ thứ nhất\n\n\
             Trong lịch sử phát triển giáo dục nước nhà, khuyến học, khuyến tài là một đạo lý được dân tộc ta luôn luôn đề cao, truyền bá và phát huy.\n",
        ),
        (
            "summary on a portal",
            "Trích yếu\nChương trình của Ban Chấp hành Đảng bộ tỉnh thực hiện Nghị quyết số 45-NQ/TW, ngày 24-11-2023 của Ban Chấp hành Trung ương Đảng về tiếp tục xây dựng và phát huy vai trò của đội ngũ trí thức.\n",
        ),
    ] {
        check(
            name,
            text,
            Expect {
                kind: Some("other"),
                ..Expect::default()
            },
        );
    }
    check(
        "two-column decision",
        "UỶ BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\nSố: 733/QĐ-UBND | Vĩnh Long, ngày 19 tháng 5 năm 2014 |\n",
        Expect {
            number: Some(Some("733/QĐ-UBND")),
            date: Some(Some("2014-05-19")),
            province: Some(Some("Vĩnh Long")),
            ..Expect::default()
        },
    );
}

#[test]
fn parties_named_in_prose_and_by_abbreviations() {
    check(
        "a sentence across lines, the place of the city",
        "Thành đoàn Hải Phòng và Hội Khuyến học ký kết phối hợp\n\nPrint Thứ ba, 26/03/2019 15:08\n\n\
         Sáng 26/3, tại Trường THPT Ngô Quyền, Thành đoàn Hải Phòng và Hội Khuyến học\nthành phố tổ chức Lễ ký kết Chương trình phối hợp.\n",
        Expect {
            kind: Some("news"),
            date: Some(Some("2019-03-26")),
            province: Some(Some("Hải Phòng")),
            parties: Some(&["Thành đoàn Hải Phòng", "Hội Khuyến học thành phố Hải Phòng"]),
            ..Expect::default()
        },
    );
    check(
        "the place one party names is the other's",
        "(kontumtv.vn) – Sáng 28/3, Hội Khuyến học và Tỉnh Đoàn Kon Tum ký kết chương trình phối hợp hoạt động khuyến học, khuyến tài.\n",
        Expect {
            kind: Some("news"),
            province: Some(Some("Kon Tum")),
            parties: Some(&["Hội Khuyến học tỉnh Kon Tum", "Tỉnh Đoàn Kon Tum"]),
            ..Expect::default()
        },
    );
    check(
        "abbreviations in full",
        "Ký kết phối hợp khuyến học\n\n10/05/2023 08:00\n\n\
         Ngày 9/5, Hội Khuyến học tỉnh Bến Tre ký kết chương trình phối hợp với Ủy ban MTTQ tỉnh, LĐLĐ tỉnh, Hội LHPN tỉnh và HKH huyện Mỏ Cày Nam.\n\n\
         Hơn 500 hội viên đăng ký tham gia Hội Nông dân tỉnh; các chi hội khuyến học ký cam kết.\n",
        Expect {
            province: Some(Some("Bến Tre")),
            parties: Some(&[
                "Hội Khuyến học tỉnh Bến Tre",
                "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Bến Tre",
                "Liên đoàn Lao động tỉnh Bến Tre",
                "Hội Liên hiệp Phụ nữ tỉnh Bến Tre",
                "Hội Khuyến học huyện Mỏ Cày Nam",
            ]),
            ..Expect::default()
        },
    );
}

#[test]
fn schools_unions_twinned_communes_and_the_bodies_of_a_parent_plan() {
    check(
        "schools listed without repeating the word, the ministries of the plan carried out left out",
        "Ký kết cổng trường an toàn\n\n08:15 - 14/03/2024\n\n\
         Sáng 14/3, Công an huyện Hiệp Hòa phối hợp với trường THCS Lê Lợi, THCS Quang Trung và THPT Hiệp Hòa 2 ký kết chương trình phối hợp.\n\n\
         Lễ ký kết nằm trong kế hoạch phối hợp giữa Bộ Công an, Bộ Giáo dục và Đào tạo giai đoạn 2023-2025.\n",
        Expect {
            parties: Some(&[
                "Công an huyện Hiệp Hòa",
                "Trường THCS Lê Lợi",
                "Trường THCS Quang Trung",
                "Trường THPT Hiệp Hòa 2",
            ]),
            ..Expect::default()
        },
    );
    check(
        "a venue school and pupils' school are no parties; ministries alone stay",
        "Trao học bổng\n\n08:15 - 14/03/2024\n\n\
         Tại hội trường trường THCS Lê Lợi, Bộ Công an và Bộ Giáo dục và Đào tạo ký kết chương trình phối hợp; học sinh trường THCS Quang Trung dự lễ.\n",
        Expect {
            parties: Some(&["Bộ Công an", "Bộ Giáo dục và Đào tạo"]),
            ..Expect::default()
        },
    );
    check(
        "a commune twinned with the provincial police",
        "Công an tỉnh kết nghĩa với xã vùng cao\n\n08:15 - 14/03/2024\n\n\
         Tại xã Trà Leng (Nam Trà My, Quảng Nam) vừa diễn ra lễ kết nghĩa giữa Công an tỉnh và xã Trà Leng giai đoạn 2024 - 2028.\n",
        Expect {
            province: Some(Some("Quảng Nam")),
            parties: Some(&["Công an tỉnh Quảng Nam", "xã Trà Leng"]),
            ..Expect::default()
        },
    );
    check(
        "the education trade union and a cooperative alliance written with brackets",
        "Chung tay vì học sinh nghèo\n\n08:15 - 14/03/2024\n\n\
         Công đoàn ngành Giáo dục Hà Tĩnh phối hợp với Hội Khuyến học tỉnh Hà Tĩnh đã xây dựng Kế hoạch hỗ trợ học sinh.\n\n\
         Chiều 14/3, Liên minh (HTX) phối hợp Hội Khuyến học tỉnh ký kết chương trình xây dựng chi hội khuyến học.\n",
        Expect {
            province: Some(Some("Hà Tĩnh")),
            parties: Some(&[
                "Liên minh Hợp tác xã tỉnh Hà Tĩnh",
                "Hội Khuyến học tỉnh Hà Tĩnh",
            ]),
            ..Expect::default()
        },
    );
    check(
        "the union alone, when no signing is told",
        "Chung tay vì học sinh nghèo\n\n08:15 - 14/03/2024\n\n\
         Công đoàn ngành Giáo dục Hà Tĩnh phối hợp với Hội Khuyến học tỉnh Hà Tĩnh đã xây dựng Kế hoạch hỗ trợ học sinh.\n",
        Expect {
            parties: Some(&["Công đoàn ngành Giáo dục tỉnh Hà Tĩnh", "Hội Khuyến học tỉnh Hà Tĩnh"]),
            ..Expect::default()
        },
    );
    check(
        "bodies listed before a bare unit take it; a later bare name is the same party",
        "Đẩy mạnh học tập suốt đời\n\n08:15 - 14/03/2024\n\n\
         Sáng 14/3, Hội Khuyến học thành phố ký kết chương trình phối hợp với Hội Người cao tuổi, Hội Liên hiệp Phụ nữ thành phố.\n\n\
         Phát biểu tại lễ ký kết, đồng chí Nam hoan nghênh Hội Khuyến học, Hội Người cao tuổi và Hội Liên hiệp Phụ nữ.\n",
        Expect {
            parties: Some(&[
                "Hội Khuyến học thành phố",
                "Hội Người cao tuổi thành phố",
                "Hội Liên hiệp Phụ nữ thành phố",
            ]),
            ..Expect::default()
        },
    );
}

#[test]
fn a_school_year_is_not_a_period() {
    check(
        "school year in a news headline",
        "Trao học bổng khuyến học năm học 2024-2025 cho học sinh\n\n08:15 - 12/09/2024\n\n\
         Ngày 12/9, Hội Khuyến học huyện Phú Hòa trao học bổng năm học 2024 - 2025.\n",
        Expect {
            period: Some(None),
            ..Expect::default()
        },
    );
    check(
        "a period of several years in a headline",
        "Hội Khuyến học ký kết chương trình phối hợp 2024-2026\n\n08:15 - 12/09/2024\n\nNgày 12/9, Hội Khuyến học ký kết.\n",
        Expect {
            period: Some(Some([2024, 2026])),
            ..Expect::default()
        },
    );
}

#[test]
fn a_commune_shared_by_provinces_or_of_the_new_tier_before_it_existed_gives_no_province() {
    check(
        "a commune of the two-tier government, in a page dated before 1 July 2025",
        "Trao học bổng cho học sinh\n\n08:15 - 12/01/2024\n\n\
         Ngày 12/1, Hội Khuyến học xã Hòa Lợi tổ chức trao học bổng cho học sinh nghèo vượt khó.\n",
        Expect {
            province: Some(None),
            ..Expect::default()
        },
    );
}

#[test]
fn province_from_districts_and_towns() {
    for (name, text, province) in [
        ("a district in the place line", "Thanh Oai, ngày 5 tháng 4 năm 2012\n\nBÁO CÁO\nTổng kết công tác khuyến học\n", "Hà Nội"),
        (
            "a district introduced as such",
            "Học sinh được nhận học bổng\n\nNgày 13/9, Hội Khuyến học tổ chức trao học bổng tại huyện Hiệp Hòa cho học sinh nghèo vượt khó.\n",
            "Bắc Giang",
        ),
        (
            "a city of the province",
            "Sáng ngày 23 tháng 01 năm 2010, Hội khuyến học thành phố Việt Trì đã tổ chức tổng kết công tác khuyến học năm 2009.\n",
            "Phú Thọ",
        ),
        (
            "districts named bare",
            "Đại hội cấp xã\n\nTHỨ TƯ, 05/08/2020 12:16:19\n\nMột số địa phương đã cơ bản tổ chức xong là Thanh Miện, Bình Giang, Tứ Kỳ.\n",
            "Hải Dương",
        ),
        (
            "the city's short name",
            "Ngày 6.6, tại TP.HCM diễn ra đại hội tuyên dương gia đình hiếu học xuất sắc tiêu biểu khu vực thành phố.\n",
            "Hồ Chí Minh",
        ),
        (
            "a district after an office's name",
            "Tập tin đính kèm\nCơ quan ban hành | Phòng Giáo dục và Đào tạo Hiệp Hòa |\n",
            "Bắc Giang",
        ),
        (
            "a commune whose name is one province's only",
            "Hội khuyến học xã Buôn Triết tổ chức Đại hội khóa IV, nhiệm kỳ 2022 – 2027\n\n\
             Về dự Đại hội có đại diện Hội khuyến học huyện và các chi hội khuyến học trên địa bàn xã.\n",
            "Đắk Lắk",
        ),
        (
            "a headline that opens with its province",
            "Hưng Yên: Phấn đấu đến năm 2020, có 75% số gia đình đạt danh hiệu “gia đình học tập”\n\n\
             18:33, 09/10/2019\n\nNgày 9.10, Hội Khuyến học tỉnh tổ chức hội nghị.\n",
            "Hưng Yên",
        ),
        (
            "a district of a province merged on 1 July 2025, in a page dated after",
            "Trao học bổng cho học sinh\n\n08:15 - 28/12/2025\n\n\
             Ngày 28-12, Ủy ban MTTQ Việt Nam huyện Phú Giáo tổ chức trao học bổng cho học sinh.\n",
            "Hồ Chí Minh",
        ),
        (
            "a commune of the two-tier government, in a page dated after 1 July 2025",
            "Trao học bổng cho học sinh\n\n08:15 - 12/01/2026\n\n\
             Ngày 12/1, Hội Khuyến học xã Hòa Lợi tổ chức trao học bổng cho học sinh nghèo vượt khó.\n",
            "Hồ Chí Minh",
        ),
    ] {
        check(
            name,
            text,
            Expect {
                province: Some(Some(province)),
                ..Expect::default()
            },
        );
    }
    // A district named bare once, or districts of two provinces, settle nothing.
    check(
        "one bare district",
        "Tin khuyến học\n\nÔng Nguyễn Văn Lâm, hội viên ở Thanh Miện, tặng 10 suất học bổng cho học sinh nghèo vượt khó trong năm học vừa qua.\n",
        Expect {
            province: Some(None),
            ..Expect::default()
        },
    );
}

/// The document's own number in every header shape is its identity, never a
/// citation.
#[test]
fn own_number_in_every_header_shape() {
    check(
        "Luật số:",
        "QUỐC HỘI\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nLuật số: 51/2024/QH15\n\n\
         Hà Nội, ngày 27 tháng 11 năm 2024\n\nLUẬT\nSỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA LUẬT BẢO HIỂM Y TẾ\n\n\
         Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\n\
         Quốc hội ban hành Luật sửa đổi, bổ sung một số điều của Luật Bảo hiểm y tế\n\
         số 25/2008/QH12 đã được sửa đổi, bổ sung một số điều theo Luật số 32/2013/QH13.\n\n\
         Điều 3. Luật này (Luật số 51/2024/QH15) có hiệu lực.\n",
        Expect {
            number: Some(Some("51/2024/QH15")),
            types: Some(&["25/2008/QH12 Luật", "32/2013/QH13 Luật"]),
            province: Some(None),
            ..Expect::default()
        },
    );
    check(
        "a stray dot inside the number (`66.16/2026/NQ-CP`), a thousands separator (`1.373/QĐ-TTg`)",
        "CHÍNH PHỦ\n_________\n\nSố: 66.16/2026/NQ-CP\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
         Hà Nội, ngày 07 tháng 4 năm 2026\n\nNGHỊ QUYẾT\n\n\
         Căn cứ Quyết định số 1.373/QĐ-TTg ngày 30 tháng 7 năm 2021 của Thủ tướng Chính phủ;\n\
         Điều 1. Mục 2.15/QĐ không phải số hiệu.\n",
        Expect {
            number: Some(Some("6616/2026/NQ-CP")),
            citations: Some(&["1373/QĐ-TTg 2021-07-30 - full basis"]),
            ..Expect::default()
        },
    );
    check(
        "Bộ luật số: and Nghị quyết số:",
        "QUỐC HỘI\n\nBộ luật số: 45/2019/QH14\n\nBỘ LUẬT\nLAO ĐỘNG\n",
        Expect {
            number: Some(Some("45/2019/QH14")),
            citations: Some(&[]),
            ..Expect::default()
        },
    );
    check(
        "Nghị quyết số:",
        "ỦY BAN THƯỜNG VỤ QUỐC HỘI\n\n Nghị quyết số: 17/2022/UBTVQH15\n\nNGHỊ QUYẾT\n\n\
         Căn cứ Bộ luật Lao động số 45/2019/QH14;\n",
        Expect {
            number: Some(Some("17/2022/UBTVQH15")),
            citations: Some(&["45/2019/QH14 2019-11-20 - full basis"]),
            types: Some(&["45/2019/QH14 Bộ luật"]),
            ..Expect::default()
        },
    );
    check(
        "Số hiệu: on a database page whose title repeats the number",
        "Quyết định 1373/QĐ-TTg 2021 phê duyệt Đề án Xây dựng xã hội học tập giai đoạn 2021-2030\n\n\
         Số hiệu: 1373/QĐ-TTg\nLoại văn bản: Quyết định\nNơi ban hành: Thủ tướng Chính phủ\n\n\
         Căn cứ Kết luận số 49-KL/TW ngày 10 tháng 5 năm 2019 của Ban Bí thư;\n",
        Expect {
            number: Some(Some("1373/QĐ-TTg")),
            absent: &["1373/QĐ-TTg"],
            ..Expect::default()
        },
    );
    check(
        "two columns",
        "CHÍNH PHỦ            CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
         Số: 158/2025/NĐ-CP        Hà Nội, ngày 25 tháng 6 năm 2025\n\nNGHỊ ĐỊNH\n\n\
         Căn cứ Nghị định số 158/2025/NĐ-CP;\n",
        Expect {
            number: Some(Some("158/2025/NĐ-CP")),
            citations: Some(&[]),
            province: Some(None),
            ..Expect::default()
        },
    );
    check(
        "the label alone on its line",
        "BỘ TÀI CHÍNH\n\nSố:\n41/2026/TT-BTC\n\nTHÔNG TƯ\n",
        Expect {
            number: Some(Some("41/2026/TT-BTC")),
            citations: Some(&[]),
            ..Expect::default()
        },
    );
    check(
        "a gazette part continued from an earlier issue",
        "CÔNG BÁO/Số 203 + 204/Ngày 18-02-2019\n\nBỘ TÀI CHÍNH\n\n\
         Thông tư số 102/2018/TT-BTC ngày 14 tháng 11 năm 2018\nhướng dẫn kế toán Bảo hiểm xã hội\n\n\
         (Tiếp theo Công báo số 201 + 202)\n\nPhụ lục số 04\n(Ban hành kèm theo Thông tư số 102/2018/TT-BTC)\n",
        Expect {
            number: Some(Some("102/2018/TT-BTC")),
            citations: Some(&[]),
            ..Expect::default()
        },
    );
}

/// A line break between the type word and `số` keeps the citation
/// (`Nghị định ⏎số 151/2013/NĐ-CP`), as PDF-to-text output wraps it.
#[test]
fn line_break_between_type_word_and_so() {
    check(
        "wrapped",
        &doc(
            "Căn cứ Nghị định \nsố 151/2013/NĐ-CP ngày 01 tháng 11 năm 2013 của Chính phủ;\n\
             Căn cứ Thông tư\nsố 08/2022/TT-BKHĐT\nngày 31 tháng 5 năm 2022\ncủa Bộ trưởng Bộ Kế hoạch và Đầu tư;",
        ),
        Expect {
            citations: Some(&[
                "151/2013/NĐ-CP 2013-11-01 - full basis",
                "08/2022/TT-BKHĐT 2022-05-31 - full basis",
            ]),
            types: Some(&["151/2013/NĐ-CP Nghị định", "08/2022/TT-BKHĐT Thông tư"]),
            ..Expect::default()
        },
    );
}

/// A law cited by its name and number is a Luật (a Bộ luật for codes),
/// not a Công văn; a legislature's resolution stays a Nghị quyết.
#[test]
fn laws_cited_by_name_and_number_are_laws() {
    check(
        "laws by number",
        "Căn cứ Luật Tổ chức Chính phủ số 63/2025/QH15;\n\
         Căn cứ Luật Bảo hiểm xã hội số\n41/2024/QH15 được sửa đổi, bổ sung bởi Luật số 94/2025/QH15;\n\
         Căn cứ Bộ luật Tố tụng dân sự số 92/2015/QH13;\n\
         Căn cứ Nghị quyết số 142/2024/QH15 ngày 29 tháng 6 năm 2024 của Quốc hội;\n",
        Expect {
            types: Some(&[
                "63/2025/QH15 Luật",
                "41/2024/QH15 Luật",
                "94/2025/QH15 Luật",
                "92/2015/QH13 Bộ luật",
                "142/2024/QH15 Nghị quyết",
            ]),
            ..Expect::default()
        },
    );
}

/// Laws and codes cited by name and date or year resolve to their number
/// through the catalogue of laws; one it does not know is cited by name and
/// year. The law an amending law amends is not dated by the amending law.
#[test]
fn laws_cited_by_name_and_date() {
    check(
        "laws by name",
        &doc("Căn cứ Luật Giáo dục ngày 14 tháng 6 năm 2019;\n\
             Căn cứ Bộ luật Dân sự năm 2015;\n\
             Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;\n\
             Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Giáo dục ngày 25 tháng 11 năm 2009;\n\
             Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Cán bộ, công chức và Luật Viên chức ngày 25 tháng 11 năm 2019;")
        .replace(
            "1. Nội dung.",
            "1. Luật này có hiệu lực từ năm 2020; Luật Giáo dục năm nay; Luật Việc làm về bảo hiểm thất nghiệp, \
             có hiệu lực thi hành kể từ ngày 15 tháng 02 năm 2026; Luật Bảo vệ quyền lợi người tiêu dùng \
             theo quy định, trình Chính phủ trước ngày 10 tháng 7 năm 2025.",
        ),
        Expect {
            citations: Some(&[
                "43/2019/QH14 2019-06-14 - name basis",
                "91/2015/QH13 2015-11-24 - name basis",
                "Luật Tổ chức Chính phủ 2025 2025-02-18 - name basis",
            ]),
            types: Some(&[
                "43/2019/QH14 Luật",
                "91/2015/QH13 Bộ luật",
                "Luật Tổ chức Chính phủ 2025 Luật",
            ]),
            ..Expect::default()
        },
    );
}

/// Pinpoints stay on the citation; the instrument stays one citation.
#[test]
fn pinpoints_are_kept_on_the_citation() {
    check(
        "pinpoints",
        "Theo khoản 4 Điều 20 Nghị định số 31/2015/NĐ-CP và các khoản 1, 2 và 4 Điều 2 Nghị định số 31/2015/NĐ-CP; \
         điểm a khoản 2 Điều 15 của Luật Giáo dục ngày 14 tháng 6 năm 2019; Nghị định số 12/2020/NĐ-CP.",
        Expect {
            citations: Some(&[
                "31/2015/NĐ-CP - - full mention",
                "43/2019/QH14 2019-06-14 - name mention",
                "12/2020/NĐ-CP - - full mention",
            ]),
            pinpoints: Some(&[
                "31/2015/NĐ-CP: khoản 4 Điều 20; khoản 1, 2 và 4 Điều 2",
                "43/2019/QH14: điểm a khoản 2 Điều 15",
            ]),
            ..Expect::default()
        },
    );
}

/// The place in the date line of a national document is where it was
/// signed, not whom it concerns; a city's own document keeps its province.
#[test]
fn a_national_document_signed_in_ha_noi_has_no_province() {
    check(
        "national",
        "CHÍNH PHỦ\n\nSố: 158/2025/NĐ-CP\n\nHà Nội, ngày 25 tháng 6 năm 2025\n\nNGHỊ ĐỊNH\nQuy định chi tiết\n",
        Expect {
            number: Some(Some("158/2025/NĐ-CP")),
            province: Some(None),
            date: Some(Some("2025-06-25")),
            ..Expect::default()
        },
    );
    check(
        "ministry",
        "BỘ GIÁO DỤC VÀ ĐÀO TẠO\n\nSố: 24/2023/TT-BGDĐT\n\nHà Nội, ngày 11 tháng 12 năm 2023\n\nTHÔNG TƯ\n",
        Expect {
            province: Some(None),
            ..Expect::default()
        },
    );
    check(
        "city",
        "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI\n\nSố: 12/KH-UBND\n\nHà Nội, ngày 5 tháng 3 năm 2024\n\nKẾ HOẠCH\nThực hiện Đề án\n",
        Expect {
            province: Some(Some("Hà Nội")),
            ..Expect::default()
        },
    );
}

/// Malformed symbols real texts use read as their canonical ids: Party
/// instruments with swapped separators, a year joined by a space, a word of
/// the next column glued to the symbol.
#[test]
fn malformed_symbols_are_normalised() {
    check(
        "malformed",
        "Thực hiện Chỉ thị số 50/CT-TW ngày 20/10/2015 của Bộ Chính trị, Chỉ thị 50/CT - TW, chỉ thị 50 CT/TW \
         và Chỉ thị số 11 CT/TW; Chỉ thị số 02/2008 CT - TTg ngày 22/01/2008 của Thủ tướng Chính phủ; \
         Thông tư số 05/2024/TT-BLĐTBXH và Thông tư 05/2024/TTThông tư số 07/2023/TTHướng dẫn.",
        Expect {
            citations: Some(&[
                "50-CT/TW 2015-10-20 - full mention",
                "11-CT/TW 2007-04-13 - full mention",
                "02/2008/CT-TTg 2008-01-22 - full mention",
                "05/2024/TT-BLĐTBXH - - full mention",
                "07/2023/TT - - full mention",
            ]),
            ..Expect::default()
        },
    );
    // A space for the dash only between a Party type code and a Party issuer.
    check(
        "not Party",
        "Khoản 12 KH/UBND; năm 2020 Hội Khuyến học; ngày 5/2020 Hội nghị; 3/2021 QĐ mới.",
        Expect {
            citations: Some(&[]),
            ..Expect::default()
        },
    );
}

/// National instruments named short in news, without `số` and with no full
/// citation in the text, resolve through the catalogue by type, number and
/// the issuer named beside them; one it cannot resolve is reported; counts
/// and years are not citations.
#[test]
fn short_forms_without_so_resolve_through_the_catalogue() {
    check(
        "news shorts",
        "Thực hiện Chỉ thị 11 của Bộ Chính trị và Kết luận 49, các cấp Hội triển khai Quyết định 1373, \
         Quyết định 387, Quyết định 677 và Đề án 281. Quyết định 112 của Thủ tướng Chính phủ đã mở đường. \
         Chỉ thị 05 của Tỉnh ủy được quán triệt. Hội 2 lần nhận Quyết định 2 lần; năm 2019 Hội nhận bằng khen.",
        Expect {
            citations: Some(&[
                "11-CT/TW 2007-04-13 - short mention",
                "49-KL/TW 2019-05-10 - short mention",
                "1373/QĐ-TTg 2021-07-30 - short mention",
                "387/QĐ-TTg 2022-03-25 - short mention",
                "677/QĐ-TTg 2022-06-03 - short mention",
                "281/QĐ-TTg 2014-02-20 - short mention",
                "112/2005/QĐ-TTg 2005-05-18 - short mention",
            ]),
            diagnostics: Some(&["unresolved-short"]),
            ..Expect::default()
        },
    );
    check(
        "upper-case headline",
        "HỘI KHUYẾN HỌC TỈNH TRIỂN KHAI THEO QUYẾT ĐỊNH 281\n\nNội dung.",
        Expect {
            citations: Some(&["281/QĐ-TTg 2014-02-20 - short mention"]),
            ..Expect::default()
        },
    );
}

/// Where the number, the date, the province and the period are written: the
/// spans point at the words as they stand in the source (tabs, runs of
/// spaces, a date broken over two lines), and change no fact.
#[test]
fn fact_spans_point_at_the_words_that_say_them() {
    check(
        "two-column header with tabs",
        &format!(
            "HỘI KHUYẾN HỌC TỈNH BẾN TRE\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\tĐộc lập - Tự do - Hạnh phúc\n\
             Số:   12 /CTPH-HKH-SGDĐT\t\tBến Tre, ngày 05/3/2024\n\n{AGREEMENT_BODY}"
        ),
        Expect {
            number: Some(Some("12/CTPH-HKH-SGDĐT")),
            date: Some(Some("2024-03-05")),
            province: Some(Some("Bến Tre")),
            spans: &["number|12 /CTPH-HKH-SGDĐT", "date|ngày 05/3/2024", "province|Bến Tre"],
            ..Expect::default()
        },
    );
    check(
        "date broken in a narrow column",
        &format!(
            "HỘI KHUYẾN HỌC TỈNH BẾN TRE\n|\nSố: 12/CTPH-HKH-SGDĐT\n|\nBến Tre, ngày\n  5 tháng 3 năm 2024\n|\n\n{AGREEMENT_BODY}"
        ),
        Expect {
            date: Some(Some("2024-03-05")),
            spans: &["date|ngày\n  5 tháng 3 năm 2024", "province|Bến Tre"],
            ..Expect::default()
        },
    );
    check(
        "period in the title, province in the title",
        "CHƯƠNG TRÌNH PHỐI HỢP\nGiữa Sở Giáo dục và Đào tạo và Hội Khuyến học tỉnh Đắk  Nông\ngiai đoạn 2024 -  2030\n\n\
         Căn cứ Quyết định số 1373/QĐ-TTg ngày 30/7/2021;\n\nI. MỤC ĐÍCH\n",
        Expect {
            province: Some(Some("Đắk Nông")),
            period: Some(Some([2024, 2030])),
            spans: &["province|Đắk  Nông", "period|giai đoạn 2024 -  2030", "number|-", "date|-"],
            ..Expect::default()
        },
    );
    check(
        "news stamp",
        "Hội Khuyến học tỉnh Lào Cai ký kết phối hợp\n\nMinh Anh\n08:15 - 03/04/2023\n\n\
         Ngày 2/4, Hội Khuyến học tỉnh Lào Cai tổ chức ký kết chương trình phối hợp với Hội Nông dân tỉnh Lào Cai từ năm 2023 đến năm 2027.\n",
        Expect {
            kind: Some("news"),
            date: Some(Some("2023-04-03")),
            period: Some(Some([2023, 2027])),
            spans: &["date|03/04/2023", "province|Lào Cai", "period|từ năm 2023 đến năm 2027"],
            ..Expect::default()
        },
    );
    check(
        "the city's short name",
        "Tin khuyến học\n\nNgày 6.6, tại TP.HCM diễn ra đại hội tuyên dương gia đình hiếu học xuất sắc tiêu biểu khu vực thành phố.\n",
        Expect {
            province: Some(Some("Hồ Chí Minh")),
            spans: &["province|TP.HCM"],
            ..Expect::default()
        },
    );
    check(
        "a district introduced as such",
        "Học sinh được nhận học bổng\n\nNgày 13/9, Hội Khuyến học tổ chức trao học bổng tại huyện Hiệp Hòa cho học sinh nghèo vượt khó.\n",
        Expect {
            province: Some(Some("Bắc Giang")),
            spans: &["province|Hiệp Hòa"],
            ..Expect::default()
        },
    );
}

#[test]
fn enum_names_are_the_serialised_names() {
    use crate::orgs::Level;
    let json = |v: serde_json::Value| v.as_str().map(str::to_string);
    for k in [Kind::Agreement, Kind::News, Kind::Plan, Kind::Other] {
        assert_eq!(json(serde_json::to_value(k).unwrap()).as_deref(), Some(k.as_str()));
    }
    for f in [Form::Full, Form::Short, Form::Name] {
        assert_eq!(json(serde_json::to_value(f).unwrap()).as_deref(), Some(f.as_str()));
    }
    for r in [Role::Basis, Role::Mention] {
        assert_eq!(json(serde_json::to_value(r).unwrap()).as_deref(), Some(r.as_str()));
    }
    for c in [Cue::CanCu, Cue::ThucHien] {
        assert_eq!(json(serde_json::to_value(c).unwrap()).as_deref(), Some(c.as_str()));
    }
    for l in [Level::National, Level::Provincial, Level::District, Level::Commune] {
        assert_eq!(json(serde_json::to_value(l).unwrap()).as_deref(), Some(l.as_str()));
    }
    use crate::formats::Format;
    for f in [
        Format::Text,
        Format::Docx,
        Format::Doc,
        Format::Pdf,
        Format::Html,
        Format::Zip,
    ] {
        assert_eq!(json(serde_json::to_value(f).unwrap()).as_deref(), Some(f.as_str()));
    }
    use crate::text::Encoding;
    for e in [
        Encoding::Utf8,
        Encoding::Utf8Bom,
        Encoding::Utf16Le,
        Encoding::Utf16Be,
        Encoding::Tcvn3,
        Encoding::Vni,
        Encoding::Windows1258,
    ] {
        assert_eq!(json(serde_json::to_value(e).unwrap()).as_deref(), Some(e.as_str()));
    }
}

#[test]
fn a_province_or_an_instrument_alone_loads_its_part_alone() {
    let k = KnowledgeOnDemand::builtin();
    let places = k.places().expect("the built-in gazetteer");
    assert_eq!(places.province("vinh long").map(|p| p.name.as_str()), Some("Vĩnh Long"));
    assert!(k.all.get().is_none(), "the catalogue and organisations were loaded too");
    // Once all of it is loaded, its places are the ones asked for.
    let all = k.all().expect("the built-in data");
    assert!(std::ptr::eq(k.places().expect("places"), &all.places));
    assert!(all.catalog.get("1373/QĐ-TTg").is_some());
    // The catalogue alone, likewise.
    let k = KnowledgeOnDemand::builtin();
    assert_eq!(
        k.catalog()
            .expect("the catalogue")
            .get("1373/QĐ-TTg")
            .map(|e| e.id.as_str()),
        Some("1373/QĐ-TTg")
    );
    assert!(k.all.get().is_none() && k.places.get().is_none());
    assert!(std::ptr::eq(
        k.catalog().expect("catalogue"),
        k.catalog.get().expect("kept")
    ));
    // Data given is what every part comes from.
    let given = KnowledgeOnDemand::given(Knowledge::builtin().expect("the built-in data"));
    assert!(std::ptr::eq(
        given.places().expect("places"),
        &given.all().expect("all").places
    ));
    assert!(std::ptr::eq(
        given.catalog().expect("catalogue"),
        &given.all().expect("all").catalog
    ));
    assert!(given.places.get().is_none() && given.all.get().is_none() && given.catalog.get().is_none());
}
