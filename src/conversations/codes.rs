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
    /// Who wrote a message. Automatic replies are store messages, never an agent's.
    Sender {
        Buyer => "buyer";
        Agent => "agent";
        Auto => "auto";
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
