//! The Performance Data indicators as one state machine:
//! each happening in a conversation (a buyer or agent message, an assignment, a close)
//! adds to an agent's hourly tally. The live path runs it event by event inside each
//! event's transaction; `rebuild` runs it over the raw history, and the two must agree.

use std::ops::AddAssign;

use crate::conversations::{EventKind, Sender};
use chrono::NaiveDateTime;
use diesel::QueryableByName;
use diesel::sql_types::BigInt;

/// A reply later than this after the buyer's first unanswered message is not "in time".
pub const RESPONSE_WINDOW_SECONDS: i64 = 12 * 3600;

/// Sums kept per agent, store, group and UTC hour; added up over any range. Read from
/// SQL by the column names of `TALLY_COLUMNS`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, diesel::QueryableByName)]
#[diesel(check_for_backend(diesel::sqlite::Sqlite, diesel::pg::Pg))]
pub struct Tally {
    #[diesel(sql_type = BigInt)]
    pub chats_received: i64,
    #[diesel(sql_type = BigInt)]
    pub chats_replied: i64,
    #[diesel(sql_type = BigInt)]
    pub replied_in_time: i64,
    /// Over the replied chats: assignment → the agent's first reply.
    #[diesel(sql_type = BigInt)]
    pub first_response_seconds: i64,
    /// Agent replies that answered waiting buyer messages, and how long those waited.
    #[diesel(sql_type = BigInt)]
    pub responses: i64,
    #[diesel(sql_type = BigInt)]
    pub response_seconds: i64,
    #[diesel(sql_type = BigInt)]
    pub resolved: i64,
    #[diesel(sql_type = BigInt)]
    pub messages_sent: i64,
    #[diesel(embed)]
    pub bands: Bands,
}

impl AddAssign for Tally {
    fn add_assign(&mut self, o: Tally) {
        self.chats_received += o.chats_received;
        self.chats_replied += o.chats_replied;
        self.replied_in_time += o.replied_in_time;
        self.first_response_seconds += o.first_response_seconds;
        self.responses += o.responses;
        self.response_seconds += o.response_seconds;
        self.resolved += o.resolved;
        self.messages_sent += o.messages_sent;
        self.bands += o.bands;
    }
}
/// Upper limits, in seconds, of the time bands first responses and responses are
/// counted in (the last band has none): the tallies keep how many fell in each, so any
/// range's p50 and p90 are read from sums, like the averages, as "within" a limit.
pub const BAND_LIMITS: [i64; 11] = [30, 60, 120, 300, 600, 1800, 3600, 7200, 14400, 43200, 86400];

/// The band of a time in seconds.
pub fn band_of(seconds: i64) -> usize {
    BAND_LIMITS
        .iter()
        .position(|limit| seconds <= *limit)
        .unwrap_or(BAND_LIMITS.len())
}

/// How many first responses and responses fell in each band.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, diesel::QueryableByName)]
#[diesel(check_for_backend(diesel::sqlite::Sqlite, diesel::pg::Pg))]
pub struct Bands {
    #[diesel(sql_type = BigInt)]
    pub first_band_0: i64,
    #[diesel(sql_type = BigInt)]
    pub first_band_1: i64,
    #[diesel(sql_type = BigInt)]
    pub first_band_2: i64,
    #[diesel(sql_type = BigInt)]
    pub first_band_3: i64,
    #[diesel(sql_type = BigInt)]
    pub first_band_4: i64,
    #[diesel(sql_type = BigInt)]
    pub first_band_5: i64,
    #[diesel(sql_type = BigInt)]
    pub first_band_6: i64,
    #[diesel(sql_type = BigInt)]
    pub first_band_7: i64,
    #[diesel(sql_type = BigInt)]
    pub first_band_8: i64,
    #[diesel(sql_type = BigInt)]
    pub first_band_9: i64,
    #[diesel(sql_type = BigInt)]
    pub first_band_10: i64,
    #[diesel(sql_type = BigInt)]
    pub first_band_11: i64,
    #[diesel(sql_type = BigInt)]
    pub reply_band_0: i64,
    #[diesel(sql_type = BigInt)]
    pub reply_band_1: i64,
    #[diesel(sql_type = BigInt)]
    pub reply_band_2: i64,
    #[diesel(sql_type = BigInt)]
    pub reply_band_3: i64,
    #[diesel(sql_type = BigInt)]
    pub reply_band_4: i64,
    #[diesel(sql_type = BigInt)]
    pub reply_band_5: i64,
    #[diesel(sql_type = BigInt)]
    pub reply_band_6: i64,
    #[diesel(sql_type = BigInt)]
    pub reply_band_7: i64,
    #[diesel(sql_type = BigInt)]
    pub reply_band_8: i64,
    #[diesel(sql_type = BigInt)]
    pub reply_band_9: i64,
    #[diesel(sql_type = BigInt)]
    pub reply_band_10: i64,
    #[diesel(sql_type = BigInt)]
    pub reply_band_11: i64,
}

/// The band columns, in `Bands`' order.
pub const BAND_COLUMNS: [&str; 24] = [
    "first_band_0",
    "first_band_1",
    "first_band_2",
    "first_band_3",
    "first_band_4",
    "first_band_5",
    "first_band_6",
    "first_band_7",
    "first_band_8",
    "first_band_9",
    "first_band_10",
    "first_band_11",
    "reply_band_0",
    "reply_band_1",
    "reply_band_2",
    "reply_band_3",
    "reply_band_4",
    "reply_band_5",
    "reply_band_6",
    "reply_band_7",
    "reply_band_8",
    "reply_band_9",
    "reply_band_10",
    "reply_band_11",
];

impl Bands {
    pub fn first(&self) -> [i64; 12] {
        [
            self.first_band_0,
            self.first_band_1,
            self.first_band_2,
            self.first_band_3,
            self.first_band_4,
            self.first_band_5,
            self.first_band_6,
            self.first_band_7,
            self.first_band_8,
            self.first_band_9,
            self.first_band_10,
            self.first_band_11,
        ]
    }

    pub fn reply(&self) -> [i64; 12] {
        [
            self.reply_band_0,
            self.reply_band_1,
            self.reply_band_2,
            self.reply_band_3,
            self.reply_band_4,
            self.reply_band_5,
            self.reply_band_6,
            self.reply_band_7,
            self.reply_band_8,
            self.reply_band_9,
            self.reply_band_10,
            self.reply_band_11,
        ]
    }

    /// Both, in `BAND_COLUMNS`' order.
    pub fn values(&self) -> impl Iterator<Item = i64> + use<> {
        self.first().into_iter().chain(self.reply())
    }

    fn count_first(&mut self, seconds: i64) {
        match band_of(seconds) {
            0 => self.first_band_0 += 1,
            1 => self.first_band_1 += 1,
            2 => self.first_band_2 += 1,
            3 => self.first_band_3 += 1,
            4 => self.first_band_4 += 1,
            5 => self.first_band_5 += 1,
            6 => self.first_band_6 += 1,
            7 => self.first_band_7 += 1,
            8 => self.first_band_8 += 1,
            9 => self.first_band_9 += 1,
            10 => self.first_band_10 += 1,
            11 => self.first_band_11 += 1,
            _ => {}
        }
    }

    fn count_reply(&mut self, seconds: i64) {
        match band_of(seconds) {
            0 => self.reply_band_0 += 1,
            1 => self.reply_band_1 += 1,
            2 => self.reply_band_2 += 1,
            3 => self.reply_band_3 += 1,
            4 => self.reply_band_4 += 1,
            5 => self.reply_band_5 += 1,
            6 => self.reply_band_6 += 1,
            7 => self.reply_band_7 += 1,
            8 => self.reply_band_8 += 1,
            9 => self.reply_band_9 += 1,
            10 => self.reply_band_10 += 1,
            11 => self.reply_band_11 += 1,
            _ => {}
        }
    }
}

impl AddAssign for Bands {
    fn add_assign(&mut self, o: Bands) {
        self.first_band_0 += o.first_band_0;
        self.first_band_1 += o.first_band_1;
        self.first_band_2 += o.first_band_2;
        self.first_band_3 += o.first_band_3;
        self.first_band_4 += o.first_band_4;
        self.first_band_5 += o.first_band_5;
        self.first_band_6 += o.first_band_6;
        self.first_band_7 += o.first_band_7;
        self.first_band_8 += o.first_band_8;
        self.first_band_9 += o.first_band_9;
        self.first_band_10 += o.first_band_10;
        self.first_band_11 += o.first_band_11;
        self.reply_band_0 += o.reply_band_0;
        self.reply_band_1 += o.reply_band_1;
        self.reply_band_2 += o.reply_band_2;
        self.reply_band_3 += o.reply_band_3;
        self.reply_band_4 += o.reply_band_4;
        self.reply_band_5 += o.reply_band_5;
        self.reply_band_6 += o.reply_band_6;
        self.reply_band_7 += o.reply_band_7;
        self.reply_band_8 += o.reply_band_8;
        self.reply_band_9 += o.reply_band_9;
        self.reply_band_10 += o.reply_band_10;
        self.reply_band_11 += o.reply_band_11;
    }
}

/// The band by which a share (0.5 for p50, 0.9 for p90) of the counted times had come:
/// "within its limit", or over the last limit for the open band. `None` with nothing
/// counted.
pub fn percentile(bands: &[i64; 12], share: f64) -> Option<usize> {
    let total: i64 = bands.iter().sum();
    if total == 0 {
        return None;
    }
    let wanted = share * total as f64;
    let mut reached = 0;
    for (band, count) in bands.iter().enumerate() {
        reached += count;
        if *count > 0 && reached as f64 >= wanted {
            return Some(band);
        }
    }
    None
}

impl Tally {
    pub fn is_empty(&self) -> bool {
        *self == Tally::default()
    }

    /// Chats answered within 12 hours ÷ chats received, in percent.
    pub fn response_rate(&self) -> Option<f64> {
        (self.chats_received > 0)
            .then(|| 100.0 * self.replied_in_time as f64 / self.chats_received as f64)
    }

    /// Average seconds from assignment to the agent's first reply.
    pub fn first_response_time(&self) -> Option<i64> {
        (self.chats_replied > 0).then(|| self.first_response_seconds / self.chats_replied)
    }

    /// Average seconds from a buyer message to the next agent reply.
    pub fn average_response_time(&self) -> Option<i64> {
        (self.responses > 0).then(|| self.response_seconds / self.responses)
    }

    /// The band of first response times that half (p50) or nine in ten (p90) came
    /// within. Unknown when some of the range's replies were counted before bands were
    /// kept.
    pub fn first_response_percentile(&self, share: f64) -> Option<usize> {
        let bands = self.bands.first();
        (bands.iter().sum::<i64>() == self.chats_replied)
            .then(|| percentile(&bands, share))
            .flatten()
    }

    pub fn response_percentile(&self, share: f64) -> Option<usize> {
        let bands = self.bands.reply();
        (bands.iter().sum::<i64>() == self.responses)
            .then(|| percentile(&bands, share))
            .flatten()
    }
}

/// Where a tally is kept. `group_id` 0 stands for "no group" (the main account's queue).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct BucketKey {
    pub account_id: i64,
    pub store_id: i64,
    pub group_id: i64,
    pub hour: i64,
}

/// Hours since the Unix epoch, in UTC.
pub fn hour_of(t: NaiveDateTime) -> i64 {
    t.and_utc().timestamp().div_euclid(3600)
}

/// What the indicators need to remember of a conversation between two happenings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ChatState {
    pub store_id: i64,
    pub assignee: Option<i64>,
    pub group_id: Option<i64>,
    pub assigned_at: Option<NaiveDateTime>,
    /// Whether the current assignee has replied since the assignment.
    pub assignee_replied: bool,
    /// The first buyer message no agent has answered yet.
    pub awaiting_since: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Happening {
    BuyerMessage,
    AgentMessage {
        agent: i64,
    },
    /// Assigned, taken or transferred to `agent`, now in `group`.
    Assigned {
        agent: i64,
        group: Option<i64>,
    },
    /// Back to a queue (returned, reopened by the buyer, transferred to a group).
    Unassigned {
        group: Option<i64>,
    },
    Closed {
        by: i64,
    },
}

/// Applies one happening at `at`, returning what it adds and where. Automatic replies
/// are not happenings: they never count.
pub fn apply(
    state: &mut ChatState,
    happening: Happening,
    at: NaiveDateTime,
) -> Vec<(BucketKey, Tally)> {
    let key = |account_id: i64, group: Option<i64>, t: NaiveDateTime| BucketKey {
        account_id,
        store_id: state.store_id,
        group_id: group.unwrap_or(0),
        hour: hour_of(t),
    };
    match happening {
        Happening::BuyerMessage => {
            state.awaiting_since.get_or_insert(at);
            Vec::new()
        }
        Happening::Assigned { agent, group } => {
            state.assignee = Some(agent);
            state.group_id = group;
            state.assigned_at = Some(at);
            state.assignee_replied = false;
            let received = Tally {
                chats_received: 1,
                ..Tally::default()
            };
            vec![(key(agent, group, at), received)]
        }
        Happening::Unassigned { group } => {
            state.assignee = None;
            state.group_id = group;
            state.assigned_at = None;
            state.assignee_replied = false;
            Vec::new()
        }
        Happening::Closed { by } => {
            let resolved = Tally {
                resolved: 1,
                ..Tally::default()
            };
            vec![(key(by, state.group_id, at), resolved)]
        }
        Happening::AgentMessage { agent } => {
            let mut out = vec![(
                key(agent, state.group_id, at),
                Tally {
                    messages_sent: 1,
                    ..Tally::default()
                },
            )];
            let waited = state.awaiting_since.map(|w| (w, (at - w).num_seconds()));
            if let Some((since, seconds)) = waited {
                // Counted on the day the buyer's message arrived.
                let mut bands = Bands::default();
                bands.count_reply(seconds);
                out.push((
                    key(agent, state.group_id, since),
                    Tally {
                        responses: 1,
                        response_seconds: seconds,
                        bands,
                        ..Tally::default()
                    },
                ));
            }
            if state.assignee == Some(agent) && !state.assignee_replied {
                if let Some(assigned_at) = state.assigned_at {
                    let in_time = waited.is_none_or(|(_, s)| s <= RESPONSE_WINDOW_SECONDS);
                    let first = (at - assigned_at).num_seconds();
                    let mut bands = Bands::default();
                    bands.count_first(first);
                    out.push((
                        key(agent, state.group_id, assigned_at),
                        Tally {
                            chats_replied: 1,
                            replied_in_time: i64::from(in_time),
                            first_response_seconds: first,
                            bands,
                            ..Tally::default()
                        },
                    ));
                }
                state.assignee_replied = true;
            }
            state.awaiting_since = None;
            out
        }
    }
}

/// The happening a Webchat event stands for; `group` is the conversation's group after
/// the event.
pub fn happening_of_event(
    kind: EventKind,
    account_id: Option<i64>,
    actor_id: Option<i64>,
    group: Option<i64>,
) -> Option<Happening> {
    match (kind, account_id, actor_id) {
        (EventKind::Assigned | EventKind::Taken | EventKind::Transferred, Some(agent), _) => {
            Some(Happening::Assigned { agent, group })
        }
        (EventKind::Transferred, None, _)
        | (EventKind::Returned, _, _)
        | (EventKind::Reopened, _, None) => Some(Happening::Unassigned { group }),
        (EventKind::Closed, _, Some(by)) => Some(Happening::Closed { by }),
        _ => None,
    }
}

/// The happening a stored message stands for (automatic replies stand for none).
pub fn happening_of_message(sender: Sender, agent_id: Option<i64>) -> Option<Happening> {
    match (sender, agent_id) {
        (Sender::Buyer, _) => Some(Happening::BuyerMessage),
        (Sender::Agent, Some(agent)) => Some(Happening::AgentMessage { agent }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, NaiveDate};

    fn t(h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, 20)
            .and_then(|d| d.and_hms_opt(h, m, 0))
            .expect("valid time")
    }

    fn total(parts: &[(BucketKey, Tally)]) -> Tally {
        parts.iter().fold(Tally::default(), |mut acc, (_, t)| {
            acc += *t;
            acc
        })
    }

    #[test]
    fn a_chat_answered_after_ten_minutes() {
        let mut s = ChatState {
            store_id: 1,
            ..ChatState::default()
        };
        let mut sum = Tally::default();
        for (h, at) in [
            (Happening::BuyerMessage, t(9, 0)),
            (Happening::BuyerMessage, t(9, 2)),
            (
                Happening::Assigned {
                    agent: 7,
                    group: Some(3),
                },
                t(9, 5),
            ),
            (Happening::AgentMessage { agent: 7 }, t(9, 10)),
            (Happening::AgentMessage { agent: 7 }, t(9, 11)),
            (Happening::Closed { by: 7 }, t(9, 20)),
        ] {
            sum += total(&apply(&mut s, h, at));
        }
        assert_eq!(
            sum,
            Tally {
                chats_received: 1,
                chats_replied: 1,
                replied_in_time: 1,
                first_response_seconds: 300,
                responses: 1,
                response_seconds: 600,
                resolved: 1,
                messages_sent: 2,
                // 300 s first response: the band up to 5 min; 600 s: up to 10 min.
                bands: Bands {
                    first_band_3: 1,
                    reply_band_4: 1,
                    ..Bands::default()
                },
            }
        );
        assert_eq!(sum.first_response_percentile(0.5), Some(3));
        assert_eq!(sum.response_rate(), Some(100.0));
        assert_eq!(sum.first_response_time(), Some(300));
        assert_eq!(sum.average_response_time(), Some(600));
    }

    #[test]
    fn a_late_reply_counts_as_replied_but_not_in_time() {
        let mut s = ChatState::default();
        apply(&mut s, Happening::BuyerMessage, t(1, 0));
        apply(
            &mut s,
            Happening::Assigned {
                agent: 7,
                group: None,
            },
            t(1, 0),
        );
        let late = t(1, 0) + Duration::hours(13);
        let sum = total(&apply(&mut s, Happening::AgentMessage { agent: 7 }, late));
        assert_eq!((sum.chats_replied, sum.replied_in_time), (1, 0));
    }

    #[test]
    fn response_time_counts_on_the_buyers_hour_and_replies_by_others_are_not_the_assignees() {
        let mut s = ChatState::default();
        apply(
            &mut s,
            Happening::Assigned {
                agent: 7,
                group: Some(2),
            },
            t(8, 0),
        );
        apply(&mut s, Happening::BuyerMessage, t(23, 50));
        let next_day = t(23, 50) + Duration::minutes(20);
        let parts = apply(&mut s, Happening::AgentMessage { agent: 9 }, next_day);
        let response = parts
            .iter()
            .find(|(_, t)| t.responses == 1)
            .expect("a response");
        assert_eq!(response.0.hour, hour_of(t(23, 50)));
        assert_eq!(response.0.account_id, 9);
        assert_eq!(total(&parts).chats_replied, 0);
        assert!(!s.assignee_replied);
    }

    #[test]
    fn a_new_assignment_is_a_new_chat() {
        let mut s = ChatState::default();
        let mut sum = Tally::default();
        sum += total(&apply(
            &mut s,
            Happening::Assigned {
                agent: 7,
                group: None,
            },
            t(8, 0),
        ));
        sum += total(&apply(
            &mut s,
            Happening::AgentMessage { agent: 7 },
            t(8, 1),
        ));
        sum += total(&apply(
            &mut s,
            Happening::Unassigned { group: None },
            t(8, 2),
        ));
        sum += total(&apply(
            &mut s,
            Happening::Assigned {
                agent: 7,
                group: None,
            },
            t(8, 3),
        ));
        sum += total(&apply(
            &mut s,
            Happening::AgentMessage { agent: 7 },
            t(8, 4),
        ));
        assert_eq!(
            (sum.chats_received, sum.chats_replied, sum.responses),
            (2, 2, 0)
        );
    }

    #[test]
    fn rates_without_chats_are_absent() {
        let empty = Tally::default();
        assert!(empty.is_empty());
        assert_eq!(empty.response_rate(), None);
        assert_eq!(empty.first_response_time(), None);
        assert_eq!(empty.average_response_time(), None);
    }
}

#[cfg(test)]
mod band_tests {
    use super::*;

    #[test]
    fn bands_and_percentiles() {
        assert_eq!(band_of(0), 0);
        assert_eq!(band_of(30), 0);
        assert_eq!(band_of(31), 1);
        assert_eq!(band_of(600), 4);
        assert_eq!(band_of(86_400), 10);
        assert_eq!(band_of(86_401), 11);
        let mut bands = [0; 12];
        assert_eq!(percentile(&bands, 0.5), None);
        bands[0] = 5;
        bands[4] = 4;
        bands[11] = 1;
        assert_eq!(percentile(&bands, 0.5), Some(0));
        assert_eq!(percentile(&bands, 0.9), Some(4));
        assert_eq!(percentile(&bands, 1.0), Some(11));
    }
}
