//! The conversation core's codes, stored as text.

use crate::codes::coded;

coded!(
    /// Open conversations are worked on; a closed one reopens when the buyer writes.
    ConversationStatus {
        Open => "open";
        Closed => "closed";
    }
);

coded!(
    /// Who wrote a message. Automatic replies are store messages, never an agent's. A
    /// note is the team's own: never shown to the buyer or sent to integrations, and
    /// counted by no indicator.
    Sender {
        Buyer => "buyer";
        Agent => "agent";
        Auto => "auto";
        Note => "note";
    }
);

coded!(
    /// What an entry of the event log says happened.
    EventKind {
        Message => "message";
        Assigned => "assigned";
        Taken => "taken";
        Transferred => "transferred";
        Returned => "returned";
        Closed => "closed";
        Reopened => "reopened";
        Read => "read";
        Note => "note";
        Delivery => "delivery";
        RatingRequested => "rating_requested";
        Rated => "rated";
    }
);

coded!(
    /// What the store's integration reported about a reply reaching the buyer.
    DeliveryStatus {
        Delivered => "delivered";
        Failed => "failed";
    }
);

coded!(
    /// An agent's availability in Webchat.
    AgentStatus {
        Online => "online", "agent-status-online";
        Idle => "idle", "agent-status-idle";
        Offline => "offline", "agent-status-offline";
    }
);

impl AgentStatus {
    /// Stored codes this list does not know mean Offline: nobody gets chats by accident.
    pub fn from_stored(code: &str) -> AgentStatus {
        AgentStatus::from_code(code).unwrap_or(AgentStatus::Offline)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::permissions::Permission;

    /// Stored codes are data: changing one would orphan every row that has it, and some
    /// statements spell them out (see `assign.rs`).
    #[test]
    fn stored_codes_never_change() {
        assert_eq!(ConversationStatus::Open.code(), "open");
        assert_eq!(ConversationStatus::Closed.code(), "closed");
        assert_eq!(Permission::Webchat.code(), "webchat");
        let kinds: Vec<&str> = EventKind::ALL.iter().map(|k| k.code()).collect();
        assert_eq!(
            kinds,
            [
                "message",
                "assigned",
                "taken",
                "transferred",
                "returned",
                "closed",
                "reopened",
                "read",
                "note",
                "delivery",
                "rating_requested",
                "rated"
            ]
        );
        for status in AgentStatus::ALL {
            assert_eq!(AgentStatus::from_stored(status.code()), *status);
        }
        assert_eq!(AgentStatus::from_stored("away"), AgentStatus::Offline);
    }
}
