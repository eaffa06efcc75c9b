//! `sellerdesk demo`: a realistic seller, built through the same area functions as the
//! app (so every row is one the app could have written), for newcomers and benchmarks.

use anyhow::{Context, bail};
use chrono::{Duration, NaiveDateTime, Utc};

use crate::accounts::model::{Account, Seller};
use crate::accounts::permissions::{BuiltinRole, RoleRef};
use crate::accounts::profile::ProfileInput;
use crate::accounts::setup::{SetupInput, create_seller};
use crate::accounts::sub_accounts::{self, MemberName, NewSubAccount};
use crate::accounts::validation::{DisplayName, Email, MainUsername};
use crate::chat_assignment::groups::{self, NewGroup};
use crate::chat_assignment::settings;
use crate::chat_assignment::sources::ChatSource;
use crate::chat_assignment::working_hours::parse_day;
use crate::conversations::{self, AgentStatus, Incoming, receive};
use crate::db::DbConnection;
use crate::i18n::TimeZoneName;
use crate::stores::actions::{StoreInput, create_store};
use crate::stores::markets::Market;
use crate::stores::model::{Store, StoreName};
use crate::web::CurrentUser;
use crate::webchat::inbox;

pub const DEMO_SELLER: &str = "demo";

/// What was made, for the command's report.
pub struct Summary {
    pub main: String,
    pub members: Vec<String>,
    pub stores: usize,
    pub buyer_messages: usize,
}

struct Shop {
    name: &'static str,
    market: Market,
    greeting: &'static str,
    questions: &'static [&'static str],
    answers: &'static [&'static str],
}

const SHOPS: &[Shop] = &[
    Shop {
        name: "Demo Thai",
        market: Market::Th,
        greeting: "สวัสดีค่ะ ขอบคุณที่ทักมา เราจะตอบกลับโดยเร็วที่สุด",
        questions: &[
            "สินค้านี้มีสีแดงไหมคะ",
            "ส่งของวันไหนครับ",
            "ขอเปลี่ยนไซส์ได้ไหมคะ",
            "Is size M in stock?",
        ],
        answers: &[
            "มีค่ะ สีแดงพร้อมส่ง",
            "จัดส่งภายใน 24 ชั่วโมงค่ะ",
            "เปลี่ยนไซส์ได้ภายใน 7 วันค่ะ",
            "Yes, size M is in stock.",
        ],
    },
    Shop {
        name: "Demo MY",
        market: Market::My,
        greeting: "Hi! Thanks for your message, we usually reply within minutes.",
        questions: &[
            "Bila barang akan sampai?",
            "Is this original?",
            "Boleh COD?",
            "Do you ship to Sabah?",
        ],
        answers: &[
            "Biasanya 2-3 hari bekerja.",
            "Yes, 100% original with warranty.",
            "Ya, COD boleh.",
            "Yes, we ship to Sabah.",
        ],
    },
    Shop {
        name: "Demo VN",
        market: Market::Vn,
        greeting: "Xin chào! Cảm ơn bạn đã nhắn tin, shop sẽ trả lời ngay.",
        questions: &[
            "Sản phẩm còn hàng không ạ?",
            "Bao lâu thì giao hàng?",
            "Có đổi trả không?",
        ],
        answers: &[
            "Dạ còn hàng ạ.",
            "Giao trong 2-4 ngày ạ.",
            "Được đổi trả trong 7 ngày ạ.",
        ],
    },
    Shop {
        name: "Demo BR",
        market: Market::Br,
        greeting: "Olá! Obrigado pela mensagem, respondemos em poucos minutos.",
        questions: &[
            "Tem na cor azul?",
            "Qual o prazo de entrega?",
            "Posso trocar o tamanho?",
        ],
        answers: &[
            "Temos sim!",
            "De 3 a 5 dias úteis.",
            "Pode sim, em até 7 dias.",
        ],
    },
];

const MEMBERS: &[(&str, &str)] = &[
    ("jiajia", "Jia Jia"),
    ("somchai", "Somchai"),
    ("aiman", "Aiman"),
    ("linh", "Linh"),
    ("lucas", "Lucas"),
    ("mei", "Mei"),
];

fn member_user(c: &mut DbConnection, account: Account) -> anyhow::Result<CurrentUser> {
    let permissions = account.permissions(c)?;
    Ok(CurrentUser::without_session(account, permissions))
}

/// Fills the database; `scale` multiplies the weeks of conversation history.
pub fn fill(c: &mut DbConnection, password: &str, scale: u32) -> anyhow::Result<Summary> {
    if Seller::find_by_name(c, DEMO_SELLER)?.is_some() {
        bail!("this database already has the demo seller `{DEMO_SELLER}`");
    }
    let hash = bcrypt::hash(password, 10).context("hashing the demo password")?;
    let setup = SetupInput {
        username: MainUsername::parse(DEMO_SELLER).map_err(anyhow::Error::msg)?,
        display_name: DisplayName::parse("Demo Seller").map_err(anyhow::Error::msg)?,
        email: Email::parse("owner@demo.example").map_err(anyhow::Error::msg)?,
        password_hash: hash.clone(),
        time_zone: TimeZoneName::parse(SHOPS[0].market.default_time_zone())
            .unwrap_or_else(TimeZoneName::utc),
    };
    let main_account = crate::db::write_transaction::<_, diesel::result::Error, _>(c, |c| {
        create_seller(c, &setup, "127.0.0.1")
    })?;
    let main = member_user(c, main_account)?;
    let actor = main.actor("127.0.0.1".into());

    let mut stores: Vec<Store> = Vec::new();
    for shop in SHOPS {
        let input = StoreInput {
            name: StoreName::parse(shop.name).map_err(anyhow::Error::msg)?,
            market: shop.market,
            time_zone: TimeZoneName::parse(shop.market.default_time_zone())
                .unwrap_or_else(TimeZoneName::utc),
        };
        let store = create_store(c, &actor, &input, None)?
            .map_err(|i| anyhow::anyhow!("store: {}", i.key))?;
        settings::save_auto_reply(c, &actor, &store, true, shop.greeting)?;
        let hours: Vec<_> = (0..6u8)
            .flat_map(|d| parse_day(d, "09:00-12:00, 13:00-21:00").unwrap_or_default())
            .collect();
        settings::save_off_work(c, &actor, &store, true, shop.greeting, &hours)?;
        for (i, answer) in shop.answers.iter().enumerate() {
            let _ = settings::add_quick_reply(c, &actor, &store, &format!("/{}", i + 1), answer)?;
        }
        stores.push(store);
    }

    let store_ids: Vec<i64> = stores.iter().map(|s| s.id).collect();
    let mut agents = Vec::new();
    for (i, (member, name)) in MEMBERS.iter().enumerate() {
        let role = if i == 0 {
            BuiltinRole::Supervisor
        } else {
            BuiltinRole::CustomerService
        };
        // Each member works on two neighbouring stores.
        let granted = vec![
            store_ids[i % store_ids.len()],
            store_ids[(i + 1) % store_ids.len()],
        ];
        let input = NewSubAccount {
            member: MemberName::parse(member).map_err(anyhow::Error::msg)?,
            profile: ProfileInput {
                display_name: DisplayName::parse(name).map_err(anyhow::Error::msg)?,
                email: Email::parse(&format!("{member}@demo.example"))
                    .map_err(anyhow::Error::msg)?,
                phone: None,
            },
            role: RoleRef::Builtin(role),
            password_hash: hash.clone(),
            stores: granted,
        };
        let account = sub_accounts::create(c, &main, &actor, DEMO_SELLER, &input)?
            .map_err(|i| anyhow::anyhow!("member: {}", i.key))?;
        agents.push(account);
    }
    for store in &stores {
        let members: Vec<i64> = groups::eligible_staff(c, store)?
            .iter()
            .map(|s| s.account_id)
            .collect();
        let pre_sales = NewGroup {
            name: "Pre-sales".into(),
            members: members.clone(),
            sources: vec![
                ChatSource::ProductPage,
                ChatSource::ShopPage,
                ChatSource::Livestream,
                ChatSource::Campaign,
            ],
        };
        groups::create(c, &actor, store, &pre_sales)?
            .map_err(|i| anyhow::anyhow!("group: {}", i.key))?;
        let after_sales = NewGroup {
            name: "After-sales".into(),
            members: members.into_iter().take(1).collect(),
            sources: vec![ChatSource::Order, ChatSource::AfterSales],
        };
        groups::create(c, &actor, store, &after_sales)?
            .map_err(|i| anyhow::anyhow!("group: {}", i.key))?;
    }

    let mut agent_users = Vec::new();
    for account in agents.clone() {
        let user = member_user(c, account)?;
        let agent_actor = user.actor("127.0.0.1".into());
        conversations::set_status(
            c,
            &agent_actor,
            &user,
            AgentStatus::Online,
            Utc::now().naive_utc() - Duration::days(30),
        )?;
        agent_users.push(user);
    }

    let buyer_messages = history(c, &main, &stores, &agent_users, scale.max(1))?;
    Ok(Summary {
        main: DEMO_SELLER.into(),
        members: agents.iter().map(|a| a.username.clone()).collect(),
        stores: stores.len(),
        buyer_messages,
    })
}

/// Weeks of buyer questions, agent answers and closed dialogues, oldest first.
fn history(
    c: &mut DbConnection,
    main: &CurrentUser,
    stores: &[Store],
    agents: &[CurrentUser],
    scale: u32,
) -> anyhow::Result<usize> {
    let days = 21 * i64::from(scale);
    let start: NaiveDateTime = Utc::now().naive_utc() - Duration::days(days);
    let sources = ChatSource::ALL;
    let actor = main.actor("127.0.0.1".into());
    let mut count = 0;
    for day in 0..days {
        for (s, store) in stores.iter().enumerate() {
            let shop = &SHOPS[s % SHOPS.len()];
            for k in 0..4usize {
                let n = (day as usize) * 31 + s * 7 + k;
                let at = start
                    + Duration::days(day)
                    + Duration::minutes((k as i64) * 97 + (s as i64) * 13 + 60);
                let question = shop.questions[n % shop.questions.len()];
                let incoming = Incoming {
                    buyer_key: format!("demo:{}:{}", store.id, n % 40),
                    buyer_name: format!("Buyer {}", n % 40 + 1),
                    source: sources[n % sources.len()],
                    text: question.to_string(),
                    image: None,
                    external_id: Some(format!("demo-{}-{n}", store.id)),
                    origin: None,
                };
                let accepted = receive(c, store, &incoming, at)?;
                count += 1;
                let conversation = inbox::find(c, main, accepted.conversation_id)?;
                // Most chats get an answer a few minutes later; some wait.
                if !n.is_multiple_of(5) {
                    let agent = conversation
                        .assignee_id
                        .and_then(|id| agents.iter().find(|a| a.account_id == id))
                        .unwrap_or(main);
                    let answer = shop.answers[n % shop.answers.len()];
                    conversations::reply(
                        c,
                        &agent.actor("127.0.0.1".into()),
                        agent,
                        conversation.id,
                        answer,
                        None,
                        at + Duration::minutes((n % 9) as i64 + 1),
                    )?;
                    if n.is_multiple_of(3) {
                        conversations::set_open(
                            c,
                            &actor,
                            main,
                            accepted.conversation_id,
                            false,
                            at + Duration::minutes(30),
                        )?;
                    }
                }
            }
        }
    }
    Ok(count)
}
