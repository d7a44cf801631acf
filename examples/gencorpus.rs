//! Writes a generated corpus of realistic agreements for benchmarks and tests.
//!
//! ```sh
//! cargo run --release --example gencorpus -- 10000 /tmp/corpus10k [--seed 7]
//! ```
//!
//! Deterministic for a seed. Each province (the 63 former ones, so the 34
//! current ones are all reached) gets provincial agreements between the
//! education department and Hội Khuyến học for the national programme
//! periods, youth-union and army-command agreements, district agreements
//! that cite their provincial programme by number, commune agreements,
//! plans and news reports. Citations come in the shapes of design §3 with
//! their variants (spacing, case, line breaks, `Ð`, NFD, old tone placement,
//! short and name-only forms), and some files carry Markdown and noise.

use std::fmt::Write as _;
use std::path::PathBuf;

use unicode_normalization::UnicodeNormalization;

/// SplitMix64: small, fast, deterministic.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const PROVINCES: &[&str] = &[
    "Hà Nội",
    "Hồ Chí Minh",
    "Hải Phòng",
    "Đà Nẵng",
    "Cần Thơ",
    "Thừa Thiên Huế",
    "An Giang",
    "Bà Rịa - Vũng Tàu",
    "Bắc Giang",
    "Bắc Kạn",
    "Bạc Liêu",
    "Bắc Ninh",
    "Bến Tre",
    "Bình Định",
    "Bình Dương",
    "Bình Phước",
    "Bình Thuận",
    "Cà Mau",
    "Cao Bằng",
    "Đắk Lắk",
    "Đắk Nông",
    "Điện Biên",
    "Đồng Nai",
    "Đồng Tháp",
    "Gia Lai",
    "Hà Giang",
    "Hà Nam",
    "Hà Tĩnh",
    "Hải Dương",
    "Hậu Giang",
    "Hòa Bình",
    "Hưng Yên",
    "Khánh Hòa",
    "Kiên Giang",
    "Kon Tum",
    "Lai Châu",
    "Lâm Đồng",
    "Lạng Sơn",
    "Lào Cai",
    "Long An",
    "Nam Định",
    "Nghệ An",
    "Ninh Bình",
    "Ninh Thuận",
    "Phú Thọ",
    "Phú Yên",
    "Quảng Bình",
    "Quảng Nam",
    "Quảng Ngãi",
    "Quảng Ninh",
    "Quảng Trị",
    "Sóc Trăng",
    "Sơn La",
    "Tây Ninh",
    "Thái Bình",
    "Thái Nguyên",
    "Thanh Hóa",
    "Tiền Giang",
    "Trà Vinh",
    "Tuyên Quang",
    "Vĩnh Long",
    "Vĩnh Phúc",
    "Yên Bái",
];
const CITIES: &[&str] = &["Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ"];
const DISTRICTS: &[&str] = &[
    "Châu Thành",
    "Phú Tân",
    "Tân Phú",
    "Long Phú",
    "Bình Minh",
    "Thạnh Phú",
    "Mỏ Cày Nam",
    "Krông Nô",
    "Đắk Mil",
    "Cư Jút",
    "Tuy Phước",
    "Hoài Nhơn",
    "Yên Thế",
    "Lục Ngạn",
    "Hàm Yên",
    "Sơn Dương",
    "Chợ Mới",
    "Tịnh Biên",
    "Quảng Điền",
    "Phong Điền",
    "Vĩnh Bảo",
    "Tiên Lãng",
    "Gia Lâm",
    "Ba Vì",
    "Cẩm Giàng",
    "Kim Bảng",
];
const SURNAMES: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
];
const MIDDLES: &[&str] = &[
    "Văn", "Thị", "Ngọc", "Minh", "Thanh", "Hữu", "Đình", "Thu", "Quốc", "Bích",
];
const GIVEN: &[&str] = &[
    "Hoa", "Bửu", "Vương", "Thu", "Danh", "Quỳnh", "Hùng", "Lan", "Dũng", "Mai", "Tuấn", "Hạnh",
];

/// One national instrument with the ways texts cite it.
struct National {
    id: &'static str,
    kind: &'static str,
    date: &'static str,
    issuer: &'static str,
    name: Option<&'static str>,
}

const NATIONAL: &[National] = &[
    National { id: "11-CT/TW", kind: "Chỉ thị", date: "13/4/2007", issuer: "Bộ Chính trị (khóa X)", name: None },
    National { id: "49-KL/TW", kind: "Kết luận", date: "10/5/2019", issuer: "Ban Bí thư", name: None },
    National {
        id: "1373/QĐ-TTg",
        kind: "Quyết định",
        date: "30/7/2021",
        issuer: "Thủ tướng Chính phủ",
        name: Some("Đề án “Xây dựng xã hội học tập giai đoạn 2021 - 2030”"),
    },
    National {
        id: "387/QĐ-TTg",
        kind: "Quyết định",
        date: "25/3/2022",
        issuer: "Thủ tướng Chính phủ",
        name: Some("Chương trình “Đẩy mạnh phong trào học tập suốt đời trong gia đình, dòng họ, cộng đồng, đơn vị giai đoạn 2021-2030”"),
    },
    National {
        id: "677/QĐ-TTg",
        kind: "Quyết định",
        date: "03/6/2022",
        issuer: "Thủ tướng Chính phủ",
        name: Some("Chương trình “Xây dựng mô hình công dân học tập giai đoạn 2021-2030”"),
    },
    National {
        id: "1315/QĐ-TTg",
        kind: "Quyết định",
        date: "09/11/2023",
        issuer: "Thủ tướng Chính phủ",
        name: None,
    },
    National {
        id: "89/QĐ-TTg",
        kind: "Quyết định",
        date: "09/01/2013",
        issuer: "Thủ tướng Chính phủ",
        name: Some("Đề án “Xây dựng xã hội học tập giai đoạn 2012-2020”"),
    },
    National { id: "24/2023/TT-BGDĐT", kind: "Thông tư", date: "11/12/2023", issuer: "Bộ Giáo dục và Đào tạo", name: None },
    National { id: "25/2023/TT-BGDĐT", kind: "Thông tư", date: "27/12/2023", issuer: "Bộ Giáo dục và Đào tạo", name: None },
    National { id: "44/2014/TT-BGDĐT", kind: "Thông tư", date: "12/12/2014", issuer: "Bộ Giáo dục và Đào tạo", name: None },
];

/// A period and the national programme that covers it.
const PERIODS: &[(u16, u16, &str, &str)] = &[
    (2017, 2020, "681/CTr-BGDĐT-HKHVN", "ngày 20 tháng 9 năm 2017"),
    (2024, 2030, "02/CTr-BGDĐT-HKHVN", "ngày 10/5/2024"),
];

/// Write a symbol in one of the shapes real texts use.
fn shape(rng: &mut Rng, id: &str) -> String {
    let mut s = id.to_string();
    match rng.below(10) {
        0 => s = s.replacen('/', " /", 1),
        1 => s = s.replacen('-', " - ", 1),
        2 => s = s.replace('Đ', "Ð"),
        3 => s = s.replacen('/', "/\n", 1),
        _ => {}
    }
    s
}

fn cite(rng: &mut Rng, kind: &str, id: &str, date: &str, issuer: &str) -> String {
    let kind = match rng.below(12) {
        0 => kind.to_uppercase(),
        1 => kind.to_lowercase(),
        _ => kind.to_string(),
    };
    let so = if rng.chance(80) { " số" } else { "" };
    let sep = if rng.chance(50) { ", " } else { " " };
    format!("{kind}{so} {}{sep}ngày {date} của {issuer}", shape(rng, id))
}

fn person(rng: &mut Rng) -> String {
    format!("{} {} {}", rng.pick(SURNAMES), rng.pick(MIDDLES), rng.pick(GIVEN))
}

fn unit_word(province: &str) -> &'static str {
    if CITIES.contains(&province) {
        "thành phố"
    } else {
        "tỉnh"
    }
}

/// Old tone placement on some words (`hòa` → `hoà`, `Hóa` → `Hoá`).
fn old_tones(s: &str) -> String {
    s.replace("hòa", "hoà")
        .replace("Hòa", "Hoà")
        .replace("Hóa", "Hoá")
        .replace("hóa", "hoá")
        .replace("thủy", "thuỷ")
}

struct Doc {
    name: String,
    text: String,
}

struct ProvincialProgramme {
    number: String,
    period: (u16, u16),
}

fn provincial(rng: &mut Rng, seq: usize, province: &str, period_ix: usize) -> (Doc, ProvincialProgramme) {
    let (from, to, national, national_date) = PERIODS[period_ix];
    let unit = unit_word(province);
    let number = format!("{}/CTrPH-SGDĐT-HKH", 100 + rng.below(2900));
    let year = from.max(2017) + rng.below(2) as u16;
    let mut t = String::new();
    let _ = writeln!(
        t,
        "SỞ GIÁO DỤC VÀ ĐÀO TẠO\nHỘI KHUYẾN HỌC {}\n",
        format!("{unit} {province}").to_uppercase()
    );
    let _ = writeln!(
        t,
        "Số: {number}\n\n{province}, ngày {} tháng {} năm {year}\n",
        1 + rng.below(28),
        1 + rng.below(12)
    );
    let _ = writeln!(t, "CHƯƠNG TRÌNH PHỐI HỢP\nGiữa Sở Giáo dục và Đào tạo và Hội Khuyến học {unit} {province}\nvề đẩy mạnh công tác khuyến học, khuyến tài, xây dựng xã hội học tập giai đoạn {from} - {to}\n");
    let _ = writeln!(
        t,
        "Căn cứ Chương trình phối hợp số {} {national_date} giữa Bộ Giáo dục và Đào tạo và Hội Khuyến học Việt Nam về đẩy mạnh công tác khuyến học, khuyến tài, xây dựng xã hội học tập giai đoạn {from}-{to};\n",
        shape(rng, national)
    );
    let mut cited = Vec::new();
    for _ in 0..3 + rng.below(4) {
        let n = rng.pick(NATIONAL);
        if cited.contains(&n.id) {
            continue;
        }
        cited.push(n.id);
        if let (Some(name), true) = (n.name, rng.chance(25)) {
            let _ = writeln!(t, "Căn cứ {name} của {};\n", n.issuer);
        } else {
            let _ = writeln!(t, "Căn cứ {};\n", cite(rng, n.kind, n.id, n.date, n.issuer));
        }
    }
    let plan = format!("{}/KH-UBND", 100 + rng.below(4000));
    let plan_date = format!("{}/{}/{}", 1 + rng.below(28), 1 + rng.below(12), year - 1);
    let plan_cite = cite(
        rng,
        "Kế hoạch",
        &plan,
        &plan_date,
        &format!("Ủy ban nhân dân {unit} {province}"),
    );
    let _ = writeln!(
        t,
        "Căn cứ {plan_cite} về việc thực hiện Đề án “Xây dựng xã hội học tập giai đoạn 2021-2030” trên địa bàn {unit};\n"
    );
    let _ = writeln!(
        t,
        "Sở Giáo dục và Đào tạo và Hội Khuyến học {unit} thống nhất phối hợp với các nội dung như sau:\n"
    );
    body(rng, &mut t, &cited, &plan);
    signatures(
        rng,
        &mut t,
        &[("HỘI KHUYẾN HỌC", "CHỦ TỊCH"), ("SỞ GIÁO DỤC VÀ ĐÀO TẠO", "GIÁM ĐỐC")],
        unit,
    );
    let doc = Doc {
        name: format!("{seq:06}_provincial.txt"),
        text: t,
    };
    (
        doc,
        ProvincialProgramme {
            number,
            period: (from, to),
        },
    )
}

fn body(rng: &mut Rng, t: &mut String, cited: &[&str], plan: &str) {
    let _ = writeln!(t, "I. MỤC ĐÍCH, YÊU CẦU\n");
    let _ = writeln!(t, "1. Tăng cường sự phối hợp giữa hai cơ quan trong việc thực hiện công tác khuyến học, khuyến tài, xây dựng xã hội học tập, góp phần hoàn thành các mục tiêu của Kế hoạch số {}.\n", plan.split('/').next().unwrap_or(""));
    let _ = writeln!(t, "2. Hoạt động phối hợp được thực hiện thường xuyên, đảm bảo thiết thực, hiệu quả, có trọng tâm, trọng điểm, tránh hình thức; lồng ghép với phong trào thi đua xây dựng gia đình học tập, dòng họ học tập, cộng đồng học tập.\n");
    let _ = writeln!(t, "II. NỘI DUNG PHỐI HỢP\n");
    for (i, id) in cited.iter().enumerate() {
        if let Some(n) = NATIONAL.iter().find(|n| &n.id == id) {
            let number = id.split(['/', '-']).next().unwrap_or("");
            if rng.chance(50) {
                let _ = writeln!(t, "{}. Triển khai thực hiện {} số {number}; tổ chức tuyên truyền sâu rộng trong cán bộ, hội viên, giáo viên và học sinh về học tập suốt đời.\n", i + 1, n.kind);
            } else {
                let _ = writeln!(t, "{}. Tiếp tục quán triệt {} {} trong toàn ngành; đánh giá, công nhận các mô hình học tập theo quy định, bảo đảm thực chất, hiệu quả.\n", i + 1, n.kind, shape(rng, n.id));
            }
        }
    }
    if rng.chance(30) {
        let _ = writeln!(
            t,
            "Liên hệ: điện thoại 0275.3822.{:03}; Giấy phép số {}/GP-STTTT.\n",
            rng.below(1000),
            rng.below(500)
        );
    }
    let _ = writeln!(t, "III. TỔ CHỨC THỰC HIỆN\n\n1. Định kỳ hằng năm, hai cơ quan tổ chức sơ kết, tổng kết, báo cáo kết quả thực hiện Chương trình phối hợp.\n\n2. Chương trình phối hợp này có hiệu lực kể từ ngày ký./.\n");
}

fn signatures(rng: &mut Rng, t: &mut String, blocks: &[(&str, &str)], unit: &str) {
    for (org, title) in blocks {
        let bold = rng.chance(30);
        let (b0, b1) = if bold { ("**", "**") } else { ("", "") };
        let _ = writeln!(
            t,
            "{b0}{org} {}\n{title}{b1}\n\n\n{}\n",
            unit.to_uppercase(),
            person(rng)
        );
    }
    let _ = writeln!(t, "Nơi nhận:\n- Như trên;\n- Lưu: VT.");
}

fn district(rng: &mut Rng, seq: usize, province: &str, parent: &ProvincialProgramme) -> Doc {
    let d = rng.pick(DISTRICTS);
    let (from, to) = parent.period;
    let unit = unit_word(province);
    let mut t = String::new();
    let _ = writeln!(
        t,
        "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO\nHỘI KHUYẾN HỌC HUYỆN {}\n",
        d.to_uppercase()
    );
    let _ = writeln!(
        t,
        "Số: {}/CTrPH-PGDĐT-HKH\n\n{d}, ngày {} tháng {} năm {}\n",
        1 + rng.below(300),
        1 + rng.below(28),
        1 + rng.below(12),
        from + 1
    );
    let _ = writeln!(
        t,
        "CHƯƠNG TRÌNH PHỐI HỢP\nGiữa Phòng Giáo dục và Đào tạo và Hội Khuyến học huyện {d}\ngiai đoạn {from}-{to}\n"
    );
    if rng.chance(90) {
        let _ = writeln!(
            t,
            "Căn cứ Chương trình phối hợp số {} ngày {}/{}/{} giữa Sở Giáo dục và Đào tạo và Hội Khuyến học {unit} {province};\n",
            shape(rng, &parent.number),
            1 + rng.below(28),
            1 + rng.below(12),
            from
        );
    }
    let n = rng.pick(NATIONAL);
    let _ = writeln!(t, "Căn cứ {};\n", cite(rng, n.kind, n.id, n.date, n.issuer));
    let _ = writeln!(
        t,
        "Phòng Giáo dục và Đào tạo và Hội Khuyến học huyện {d} thống nhất phối hợp như sau:\n"
    );
    body(rng, &mut t, &[n.id], "12/KH-UBND");
    signatures(
        rng,
        &mut t,
        &[
            ("HỘI KHUYẾN HỌC HUYỆN", "CHỦ TỊCH"),
            ("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", "TRƯỞNG PHÒNG"),
        ],
        "",
    );
    Doc {
        name: format!("{seq:06}_district.txt"),
        text: t,
    }
}

fn youth(rng: &mut Rng, seq: usize, province: &str) -> Doc {
    let unit = unit_word(province);
    let mut t = String::new();
    let _ = writeln!(t, "\nCHƯƠNG TRÌNH\n\nPhối hợp hoạt động khuyến học, khuyến tài, xây dựng xã hội học tập giữa Hội Khuyến học và Đoàn TNCS Hồ Chí Minh {unit} {province} giai đoạn 2018 – 2020\n");
    if rng.chance(50) {
        let _ = writeln!(t, "Thực hiện chương trình phối hợp số {}, ngày 19/9/2017 giữa Hội Khuyến học Việt Nam và Trung ương Đoàn TNCS Hồ Chí Minh về việc phối hợp hoạt động khuyến học giai đoạn 2017 – 2020, hai cơ quan xây dựng chương trình phối hợp như sau:\n", shape(rng, "40/CTPH-HKVN-ĐTNCSHCM"));
    } else {
        let _ = writeln!(t, "Thực hiện Chương trình phối hợp giữa Hội Khuyến học Việt Nam và Trung ương Đoàn TNCS Hồ Chí Minh về hoạt động khuyến học, khuyến tài giai đoạn 2017 – 2020, hai cơ quan xây dựng chương trình phối hợp như sau:\n");
    }
    body(rng, &mut t, &["89/QĐ-TTg", "11-CT/TW"], "13/KH-HKH");
    let _ = writeln!(
        t,
        "TM. BAN THƯỜNG VỤ HỘI KHUYẾN HỌC\nCHỦ TỊCH\n\n{}\n\nTM. BAN THƯỜNG VỤ TỈNH ĐOÀN\nPHÓ BÍ THƯ\n\n{}\n",
        person(rng),
        person(rng)
    );
    Doc {
        name: format!("{seq:06}_youth.txt"),
        text: t,
    }
}

fn army(rng: &mut Rng, seq: usize, province: &str) -> Doc {
    let unit = unit_word(province);
    let mut t = String::new();
    let _ = writeln!(t, "\nCHƯƠNG TRÌNH PHỐI HỢP\n\nGiữa Hội Khuyến học {unit} và Bộ Chỉ huy Quân sự {unit} {province} về triển khai nhiệm vụ khuyến học, khuyến tài, xây dựng xã hội học tập giai đoạn 2023 - 2030\n");
    let ct = format!("{}-CT/TU", 10 + rng.below(60));
    let _ = writeln!(t, "Thực hiện Chỉ thị số {ct}, ngày 30/7/2019 của Ban Thường vụ Tỉnh ủy về việc thực hiện Kết luận số {}, ngày 10/5/2019 của Ban Bí thư về tiếp tục thực hiện Chỉ thị số 11-CT/TW, ngày 13/4/2007 của Bộ Chính trị;\n", shape(rng, "49-KL/TW"));
    let _ = writeln!(t, "Căn cứ Công văn số {}, ngày 13/7/2023 của Cục Dân vận, Tổng cục Chính trị, Bộ Quốc phòng về việc phối hợp triển khai thực hiện công tác khuyến học, khuyến tài trong Quân đội;\n", shape(rng, "893/CV-DV"));
    let _ = writeln!(t, "Hội Khuyến học {unit} và Bộ Chỉ huy Quân sự {unit} {province} thống nhất ký kết Chương trình phối hợp như sau:\n");
    let plan = format!("{}/KH-UBND", 10 + rng.below(900));
    body(rng, &mut t, &["1373/QĐ-TTg"], &plan);
    let _ = writeln!(
        t,
        "**BỘ CHỈ HUY QUÂN SỰ TỈNH\nPHÓ CHỈ HUY TRƯỞNG**\n\n\nĐại tá {}\n\nHỘI KHUYẾN HỌC TỈNH\n\n\n{}\n",
        person(rng),
        person(rng)
    );
    Doc {
        name: format!("{seq:06}_army.txt"),
        text: t,
    }
}

fn plan(rng: &mut Rng, seq: usize, province: &str) -> Doc {
    let unit = unit_word(province);
    let mut t = String::new();
    let _ = writeln!(
        t,
        "ỦY BAN NHÂN DÂN\n{} {}\n\nSố: {}/KH-UBND\n\n{province}, ngày {} tháng {} năm 2022\n",
        unit.to_uppercase(),
        province.to_uppercase(),
        100 + rng.below(4000),
        1 + rng.below(28),
        1 + rng.below(12)
    );
    let _ = writeln!(t, "KẾ HOẠCH\nThực hiện Chương trình “Xây dựng mô hình công dân học tập giai đoạn 2021-2030” trên địa bàn {unit}\n");
    let _ = writeln!(t, "Thực hiện Quyết định số 677/QĐ-TTg ngày 03/6/2022 của Thủ tướng Chính phủ phê duyệt Chương trình “Xây dựng mô hình công dân học tập giai đoạn 2021-2030”;\n");
    body(rng, &mut t, &["677/QĐ-TTg", "1373/QĐ-TTg"], "5/KH-UBND");
    let _ = writeln!(
        t,
        "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n{}\n",
        person(rng)
    );
    Doc {
        name: format!("{seq:06}_plan.txt"),
        text: t,
    }
}

fn news(rng: &mut Rng, seq: usize, province: &str) -> Doc {
    let unit = unit_word(province);
    let mut t = String::new();
    let _ = writeln!(t, "Hội Khuyến học {unit} {province} ký kết phối hợp khuyến học, khuyến tài, xây dựng xã hội học tập\n\n{}\n{}:{:02} - {}/{}/2022\n", person(rng), 7 + rng.below(12), rng.below(60), 1 + rng.below(28), 1 + rng.below(12));
    let _ = writeln!(t, "Ngày {}/11, Hội Khuyến học {unit} {province} tổ chức ký kết chương trình phối hợp đẩy mạnh hoạt động khuyến học, khuyến tài, xây dựng xã hội học tập giai đoạn 2021-2030 với Sở Giáo dục và Đào tạo, Liên đoàn lao động và Hội Liên hiệp Phụ nữ {unit} {province}.\n", 1 + rng.below(28));
    let _ = writeln!(t, "Hội Khuyến học {unit} {province} ký kết chương trình phối hợp - Ảnh 1.\n\nChương trình nhằm góp phần hoàn thành các chỉ tiêu của Đề án \"Xây dựng xã hội học tập giai đoạn 2021-2030\" theo Chỉ thị 11-CT/TW.\n");
    let _ = writeln!(
        t,
        "Chủ tịch Hội Khuyến học {unit} {province} {} ký kết chương trình phối hợp.\n",
        person(rng)
    );
    Doc {
        name: format!("{seq:06}_news.txt"),
        text: t,
    }
}

/// Variations a real corpus has: old tone placement, NFD, CRLF, noise.
fn vary(rng: &mut Rng, mut d: Doc) -> Doc {
    if rng.chance(20) {
        d.text = old_tones(&d.text);
    }
    if rng.chance(10) {
        d.text = d.text.nfd().collect();
    }
    if rng.chance(10) {
        d.text = d.text.replace('\n', "\r\n");
    }
    if rng.chance(15) {
        d.text.push_str(&format!("\n\n{}\n", 1000 + rng.below(9000)));
    }
    d
}

/// `n` documents, deterministic for `seed`: (file name, text).
pub fn generate(n: usize, seed: u64) -> Vec<(String, String)> {
    let mut rng = Rng(seed);
    let mut out = Vec::with_capacity(n);
    let mut seq = 0usize;
    while out.len() < n {
        for (pi, province) in PROVINCES.iter().enumerate() {
            let period_ix = (pi + seq) % PERIODS.len();
            let (doc, programme) = provincial(&mut rng, seq, province, period_ix);
            let mut batch = vec![doc];
            for _ in 0..3 {
                batch.push(district(&mut rng, seq, province, &programme));
            }
            batch.push(youth(&mut rng, seq, province));
            batch.push(army(&mut rng, seq, province));
            batch.push(plan(&mut rng, seq, province));
            batch.push(news(&mut rng, seq, province));
            for d in batch {
                if out.len() == n {
                    return out;
                }
                let d = vary(&mut rng, d);
                out.push((format!("{:07}_{}", out.len(), &d.name[7..]), d.text));
            }
            seq += 1;
        }
    }
    out
}

#[allow(dead_code)]
fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut seed = 7u64;
    let mut pos = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--seed" {
            match it.next().and_then(|s| s.parse().ok()) {
                Some(s) => seed = s,
                None => {
                    eprintln!("gencorpus: --seed needs a number");
                    return std::process::ExitCode::from(2);
                }
            }
        } else {
            pos.push(a.clone());
        }
    }
    let (Some(n), Some(out)) = (pos.first().and_then(|n| n.parse::<usize>().ok()), pos.get(1)) else {
        eprintln!("usage: gencorpus N OUTDIR [--seed S]");
        return std::process::ExitCode::from(2);
    };
    let out = PathBuf::from(out);
    if let Err(e) = std::fs::create_dir_all(&out) {
        eprintln!("gencorpus: {}: {e}", out.display());
        return std::process::ExitCode::from(2);
    }
    let mut written = 0usize;
    let mut bytes = 0usize;
    for (name, text) in generate(n, seed) {
        if let Err(e) = std::fs::write(out.join(&name), &text) {
            eprintln!("gencorpus: {name}: {e}");
            return std::process::ExitCode::from(2);
        }
        bytes += text.len();
        written += 1;
    }
    eprintln!(
        "gencorpus: wrote {written} documents ({:.1} MB) to {}",
        bytes as f64 / 1e6,
        out.display()
    );
    std::process::ExitCode::SUCCESS
}
