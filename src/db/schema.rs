// Written by hand: one schema for both backends. Every column type here must be
// produced identically by migrations/sqlite and migrations/postgres.

diesel::table! {
    sellers (id) {
        id -> BigInt,
        name -> Text,
        created_at -> Timestamp,
        require_two_factor -> Bool,
    }
}

diesel::table! {
    accounts (id) {
        id -> BigInt,
        seller_id -> BigInt,
        member_name -> Nullable<Text>,
        username -> Text,
        display_name -> Text,
        email -> Text,
        phone -> Nullable<Text>,
        password_hash -> Text,
        is_main -> Bool,
        disabled -> Bool,
        must_change_password -> Bool,
        language -> Nullable<Text>,
        time_zone -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        builtin_role -> Nullable<Text>,
        custom_role_id -> Nullable<BigInt>,
        access_version -> BigInt,
        totp_secret -> Nullable<Text>,
        totp_last_step -> BigInt,
    }
}

diesel::table! {
    sessions (id) {
        id -> BigInt,
        token_hash -> Text,
        account_id -> BigInt,
        created_at -> Timestamp,
        last_seen_at -> Timestamp,
        client_addr -> Text,
        user_agent -> Text,
    }
}

diesel::table! {
    recovery_codes (id) {
        id -> BigInt,
        account_id -> BigInt,
        code_hash -> Text,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    roles (id) {
        id -> BigInt,
        seller_id -> BigInt,
        name -> Text,
        name_key -> Text,
        permissions -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    stores (id) {
        id -> BigInt,
        seller_id -> BigInt,
        name -> Text,
        name_key -> Text,
        market -> Text,
        time_zone -> Text,
        public_key -> Text,
        active -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    store_api_tokens (id) {
        id -> BigInt,
        seller_id -> BigInt,
        store_id -> BigInt,
        name -> Text,
        token_hash -> Text,
        token_hint -> Text,
        created_at -> Timestamp,
        last_used_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    store_grants (account_id, store_id) {
        seller_id -> BigInt,
        account_id -> BigInt,
        store_id -> BigInt,
        created_at -> Timestamp,
    }
}

diesel::table! {
    login_attempts (id) {
        id -> BigInt,
        username -> Text,
        client_addr -> Text,
        succeeded -> Bool,
        attempted_at -> Timestamp,
    }
}

diesel::table! {
    activity_log (id) {
        id -> BigInt,
        seller_id -> BigInt,
        actor_account_id -> Nullable<BigInt>,
        actor_name -> Text,
        client_addr -> Text,
        area -> Text,
        action -> Text,
        object_type -> Text,
        object_id -> Nullable<BigInt>,
        object_name -> Text,
        store_id -> Nullable<BigInt>,
        details -> Text,
        created_at -> Timestamp,
    }
}

diesel::joinable!(accounts -> sellers (seller_id));
diesel::joinable!(store_grants -> stores (store_id));
diesel::joinable!(store_grants -> accounts (account_id));
diesel::joinable!(store_api_tokens -> stores (store_id));
diesel::joinable!(activity_log -> sellers (seller_id));
diesel::joinable!(sessions -> accounts (account_id));
diesel::joinable!(recovery_codes -> accounts (account_id));

diesel::allow_tables_to_appear_in_same_query!(
    sellers,
    accounts,
    sessions,
    recovery_codes,
    login_attempts,
    activity_log,
    roles,
    stores,
    store_api_tokens,
    store_grants,
    chat_groups,
    chat_group_sources,
    chat_group_members,
    store_chat_settings,
    store_working_hours,
    quick_replies,
    buyers,
    conversations,
    messages,
    message_images,
    agent_presence,
    chat_events,
    agent_hourly_stats,
    webhook_endpoints,
    webhook_deliveries,
    chat_ratings,
);

diesel::table! {
    chat_groups (id) {
        id -> BigInt,
        seller_id -> BigInt,
        store_id -> BigInt,
        name -> Text,
        name_key -> Text,
        active -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    chat_group_sources (group_id, source) {
        group_id -> BigInt,
        seller_id -> BigInt,
        store_id -> BigInt,
        source -> Text,
    }
}

diesel::table! {
    chat_group_members (group_id, account_id) {
        group_id -> BigInt,
        seller_id -> BigInt,
        store_id -> BigInt,
        account_id -> BigInt,
        created_at -> Timestamp,
    }
}

diesel::table! {
    store_chat_settings (store_id) {
        store_id -> BigInt,
        seller_id -> BigInt,
        auto_reply_enabled -> Bool,
        auto_reply_text -> Text,
        off_work_enabled -> Bool,
        off_work_text -> Text,
        max_concurrent_chats -> Integer,
        updated_at -> Timestamp,
        first_response_target_minutes -> Integer,
        reassign_after_minutes -> Integer,
        return_within_hours -> Integer,
        rate_limit_hours -> Integer,
        rate_window_days -> Integer,
        rate_counts_auto_replies -> Bool,
    }
}

diesel::table! {
    store_working_hours (id) {
        id -> BigInt,
        seller_id -> BigInt,
        store_id -> BigInt,
        weekday -> Integer,
        start_minute -> Integer,
        end_minute -> Integer,
    }
}

diesel::table! {
    quick_replies (id) {
        id -> BigInt,
        seller_id -> BigInt,
        store_id -> BigInt,
        shortcut -> Text,
        shortcut_key -> Text,
        text -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::joinable!(chat_group_sources -> chat_groups (group_id));
diesel::joinable!(chat_group_members -> chat_groups (group_id));
diesel::joinable!(chat_group_members -> accounts (account_id));
diesel::joinable!(chat_groups -> stores (store_id));

diesel::table! {
    buyers (id) {
        id -> BigInt,
        seller_id -> BigInt,
        store_id -> BigInt,
        buyer_key -> Text,
        display_name -> Text,
        last_auto_reply_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    conversations (id) {
        id -> BigInt,
        seller_id -> BigInt,
        store_id -> BigInt,
        buyer_id -> BigInt,
        source -> Text,
        status -> Text,
        group_id -> Nullable<BigInt>,
        assignee_id -> Nullable<BigInt>,
        assigned_at -> Nullable<Timestamp>,
        assignee_read_at -> Nullable<Timestamp>,
        last_message_at -> Timestamp,
        closed_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        assignee_replied -> Bool,
        awaiting_since -> Nullable<Timestamp>,
        buyer_addr -> Nullable<Text>,
        last_buyer_text -> Text,
        first_reply_seconds -> Nullable<BigInt>,
        first_auto_reply_seconds -> Nullable<BigInt>,
    }
}

diesel::table! {
    /// A buyer's rating of one closing of a chat (1–5, with an optional comment).
    chat_ratings (id) {
        id -> BigInt,
        seller_id -> BigInt,
        store_id -> BigInt,
        conversation_id -> BigInt,
        closed_at -> Timestamp,
        agent_id -> Nullable<BigInt>,
        group_id -> Nullable<BigInt>,
        score -> Integer,
        comment -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    messages (id) {
        id -> BigInt,
        seller_id -> BigInt,
        store_id -> BigInt,
        conversation_id -> BigInt,
        sender -> Text,
        agent_id -> Nullable<BigInt>,
        body -> Text,
        external_id -> Nullable<Text>,
        created_at -> Timestamp,
        delivery_status -> Nullable<Text>,
        delivery_reason -> Nullable<Text>,
        delivery_reported_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    agent_presence (account_id) {
        account_id -> BigInt,
        seller_id -> BigInt,
        status -> Text,
        last_assigned_at -> Nullable<Timestamp>,
        updated_at -> Timestamp,
        seen_at -> Nullable<Timestamp>,
        online_since -> Nullable<Timestamp>,
    }
}

diesel::table! {
    chat_events (id) {
        id -> BigInt,
        seller_id -> BigInt,
        store_id -> BigInt,
        conversation_id -> BigInt,
        kind -> Text,
        group_id -> Nullable<BigInt>,
        account_id -> Nullable<BigInt>,
        actor_id -> Nullable<BigInt>,
        message_id -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::joinable!(conversations -> buyers (buyer_id));
diesel::joinable!(messages -> conversations (conversation_id));

diesel::table! {
    /// An image sent with a message: the original bytes and a thumbnail.
    message_images (message_id) {
        message_id -> BigInt,
        seller_id -> BigInt,
        conversation_id -> BigInt,
        content_type -> Text,
        byte_size -> BigInt,
        width -> Integer,
        height -> Integer,
        data -> Binary,
        thumb -> Binary,
        thumb_type -> Text,
        thumb_width -> Integer,
        thumb_height -> Integer,
        created_at -> Timestamp,
    }
}

diesel::joinable!(message_images -> messages (message_id));

diesel::table! {
    agent_hourly_stats (seller_id, hour, account_id, store_id, group_id) {
        seller_id -> BigInt,
        account_id -> BigInt,
        store_id -> BigInt,
        group_id -> BigInt,
        hour -> BigInt,
        chats_received -> BigInt,
        chats_replied -> BigInt,
        replied_in_time -> BigInt,
        first_response_seconds -> BigInt,
        responses -> BigInt,
        response_seconds -> BigInt,
        resolved -> BigInt,
        messages_sent -> BigInt,
    }
}

diesel::table! {
    webhook_endpoints (id) {
        id -> BigInt,
        seller_id -> BigInt,
        store_id -> BigInt,
        url -> Text,
        event_types -> Text,
        secret -> Text,
        cursor -> BigInt,
        paused_at -> Nullable<Timestamp>,
        pause_reason -> Nullable<Text>,
        failing_since -> Nullable<Timestamp>,
        next_attempt_at -> Nullable<Timestamp>,
        leased_until -> Nullable<Timestamp>,
        leased_by -> Nullable<BigInt>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    webhook_deliveries (id) {
        id -> BigInt,
        seller_id -> BigInt,
        endpoint_id -> BigInt,
        event_id -> Nullable<BigInt>,
        event_type -> Text,
        status -> Text,
        attempts -> Integer,
        response_code -> Nullable<Integer>,
        response_body -> Nullable<Text>,
        error -> Nullable<Text>,
        next_attempt_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::joinable!(webhook_deliveries -> webhook_endpoints (endpoint_id));
