//! The routing choice (docs/ARCHITECTURE.md, "Routing"), as a pure function: the caller
//! gathers the facts, this decides.

use chrono::NaiveDateTime;

pub use super::codes::AgentStatus;

/// A member of a candidate group: an enabled sub-account granted the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub account_id: i64,
    pub group_id: i64,
    pub status: AgentStatus,
    /// Open conversations assigned to the agent now.
    pub open_chats: u32,
    /// When the agent was last given a chat; `None` means never.
    pub last_assigned_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoutingFacts {
    /// The assignee of the buyer's open conversation in the store, if any, and
    /// whether they are still eligible (enabled, granted, in an active group taking
    /// the source).
    pub current_assignee: Option<(i64, bool)>,
    /// The store's active groups taking the source.
    pub groups: Vec<i64>,
    /// Their eligible members (a member of two groups appears once per group).
    pub candidates: Vec<Candidate>,
    /// The store's "max concurrent chats per agent".
    pub capacity: u32,
    /// The agent who last answered this buyer, when the buyer writes again within the
    /// store's "return to their agent" time: preferred when Online with room.
    pub returning_to: Option<i64>,
    /// An agent who must not get the chat (the one it is taken from for not answering).
    pub excluded: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// The open conversation keeps its assignee.
    Keep { account_id: i64 },
    /// A new assignment to an Online agent with spare capacity.
    Assign { account_id: i64, group_id: i64 },
    /// Nobody Online with room: the conversation waits in these groups' shared queue.
    GroupQueue { groups: Vec<i64> },
    /// No active group takes the source: the main account's queue for the store.
    MainQueue,
}

pub fn route(facts: &RoutingFacts) -> Decision {
    if let Some((account_id, true)) = facts.current_assignee {
        return Decision::Keep { account_id };
    }
    if facts.groups.is_empty() {
        return Decision::MainQueue;
    }
    let available = |c: &&Candidate| {
        c.status == AgentStatus::Online
            && c.open_chats < facts.capacity
            && Some(c.account_id) != facts.excluded
    };
    let returning = facts.returning_to.and_then(|agent| {
        facts
            .candidates
            .iter()
            .filter(available)
            .find(|c| c.account_id == agent)
    });
    if let Some(c) = returning {
        return Decision::Assign {
            account_id: c.account_id,
            group_id: c.group_id,
        };
    }
    let best = facts
        .candidates
        .iter()
        .filter(available)
        // Most spare capacity first, then whoever has waited longest (never = longest),
        // then the lower id so the choice is deterministic.
        .min_by(|a, b| {
            let spare = |c: &Candidate| facts.capacity - c.open_chats;
            spare(b)
                .cmp(&spare(a))
                .then_with(|| a.last_assigned_at.cmp(&b.last_assigned_at))
                .then_with(|| a.account_id.cmp(&b.account_id))
                .then_with(|| a.group_id.cmp(&b.group_id))
        });
    match best {
        Some(c) => Decision::Assign {
            account_id: c.account_id,
            group_id: c.group_id,
        },
        None => Decision::GroupQueue {
            groups: facts.groups.clone(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(minute: u32) -> Option<NaiveDateTime> {
        chrono::NaiveDate::from_ymd_opt(2026, 11, 25).and_then(|d| d.and_hms_opt(9, minute, 0))
    }

    fn agent(
        account_id: i64,
        status: AgentStatus,
        open_chats: u32,
        last: Option<NaiveDateTime>,
    ) -> Candidate {
        Candidate {
            account_id,
            group_id: 1,
            status,
            open_chats,
            last_assigned_at: last,
        }
    }

    fn facts(candidates: Vec<Candidate>) -> RoutingFacts {
        RoutingFacts {
            current_assignee: None,
            groups: vec![1],
            candidates,
            capacity: 10,
            returning_to: None,
            excluded: None,
        }
    }

    #[test]
    fn the_rules_table() {
        use AgentStatus::*;
        let cases: Vec<(&str, RoutingFacts, Decision)> = vec![
            (
                "an open conversation keeps its still-eligible assignee",
                RoutingFacts {
                    current_assignee: Some((7, true)),
                    ..facts(vec![agent(8, Online, 0, None)])
                },
                Decision::Keep { account_id: 7 },
            ),
            (
                "an assignee no longer eligible is routed again",
                RoutingFacts {
                    current_assignee: Some((7, false)),
                    ..facts(vec![agent(8, Online, 0, None)])
                },
                Decision::Assign {
                    account_id: 8,
                    group_id: 1,
                },
            ),
            (
                "no group takes the source: the main account's queue",
                RoutingFacts {
                    groups: vec![],
                    ..facts(vec![])
                },
                Decision::MainQueue,
            ),
            (
                "the most spare capacity wins",
                facts(vec![
                    agent(1, Online, 3, at(1)),
                    agent(2, Online, 1, at(5)),
                    agent(3, Online, 2, None),
                ]),
                Decision::Assign {
                    account_id: 2,
                    group_id: 1,
                },
            ),
            (
                "a tie goes to whoever waited longest",
                facts(vec![
                    agent(1, Online, 2, at(9)),
                    agent(2, Online, 2, at(3)),
                    agent(3, Online, 2, at(6)),
                ]),
                Decision::Assign {
                    account_id: 2,
                    group_id: 1,
                },
            ),
            (
                "never assigned counts as waiting longest",
                facts(vec![agent(1, Online, 0, at(1)), agent(2, Online, 0, None)]),
                Decision::Assign {
                    account_id: 2,
                    group_id: 1,
                },
            ),
            (
                "idle and offline agents take no new chats",
                facts(vec![
                    agent(1, Idle, 0, None),
                    agent(2, Offline, 0, None),
                    agent(3, Online, 9, at(1)),
                ]),
                Decision::Assign {
                    account_id: 3,
                    group_id: 1,
                },
            ),
            (
                "a returning buyer goes to the agent who last answered, when Online with room",
                RoutingFacts {
                    returning_to: Some(3),
                    ..facts(vec![agent(1, Online, 0, None), agent(3, Online, 4, at(9))])
                },
                Decision::Assign {
                    account_id: 3,
                    group_id: 1,
                },
            ),
            (
                "a returning buyer whose agent is not Online is routed as usual",
                RoutingFacts {
                    returning_to: Some(3),
                    ..facts(vec![agent(1, Online, 0, None), agent(3, Idle, 0, None)])
                },
                Decision::Assign {
                    account_id: 1,
                    group_id: 1,
                },
            ),
            (
                "a returning buyer whose agent is full is routed as usual",
                RoutingFacts {
                    returning_to: Some(3),
                    ..facts(vec![agent(1, Online, 2, None), agent(3, Online, 10, None)])
                },
                Decision::Assign {
                    account_id: 1,
                    group_id: 1,
                },
            ),
            (
                "an excluded agent never gets the chat, even with the most room",
                RoutingFacts {
                    excluded: Some(1),
                    ..facts(vec![agent(1, Online, 0, None), agent(2, Online, 5, at(1))])
                },
                Decision::Assign {
                    account_id: 2,
                    group_id: 1,
                },
            ),
            (
                "when only the excluded agent could take it: the groups' queue",
                RoutingFacts {
                    excluded: Some(1),
                    ..facts(vec![agent(1, Online, 0, None)])
                },
                Decision::GroupQueue { groups: vec![1] },
            ),
            (
                "agents at capacity take no new chats: the groups' queue",
                facts(vec![agent(1, Online, 10, None), agent(2, Idle, 0, None)]),
                Decision::GroupQueue { groups: vec![1] },
            ),
            (
                "nobody online: the groups' queue",
                facts(vec![]),
                Decision::GroupQueue { groups: vec![1] },
            ),
        ];
        for (rule, facts, expected) in cases {
            assert_eq!(route(&facts), expected, "{rule}");
        }
    }

    #[test]
    fn a_member_of_two_groups_is_assigned_through_one_of_them() {
        let mut a = agent(5, AgentStatus::Online, 0, None);
        let mut b = a.clone();
        a.group_id = 4;
        b.group_id = 2;
        let facts = RoutingFacts {
            current_assignee: None,
            groups: vec![2, 4],
            candidates: vec![a, b],
            capacity: 5,
            returning_to: None,
            excluded: None,
        };
        assert_eq!(
            route(&facts),
            Decision::Assign {
                account_id: 5,
                group_id: 2
            }
        );
    }
}
