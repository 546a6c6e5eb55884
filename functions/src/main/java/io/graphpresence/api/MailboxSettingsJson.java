package io.graphpresence.api;

import io.graphpresence.presence.AutomaticReplies;
import io.graphpresence.presence.AutomaticReplies.Status;
import io.graphpresence.presence.MailboxSettingsUpdate;
import io.graphpresence.store.UserRecord;

import java.util.LinkedHashMap;
import java.util.Map;

/** Graph's mailboxSettings JSON: the time zone and automatic replies, the fields this service keeps. */
public final class MailboxSettingsJson {

    private MailboxSettingsJson() {
    }

    static Map<String, Object> of(GraphRequest request, UserRecord user) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("@odata.context", request.serviceRoot() + "/$metadata#users('" + user.user().id() + "')/mailboxSettings");
        json.put("timeZone", user.mailboxTimeZone() == null ? "UTC" : user.mailboxTimeZone());
        AutomaticReplies replies = user.presence().automaticReplies();
        Map<String, Object> setting = new LinkedHashMap<>();
        setting.put("status", replies == null ? Status.disabled.name() : replies.status().name());
        setting.put("externalAudience", replies == null ? "all" : replies.externalAudience().name());
        setting.put("internalReplyMessage", replies == null ? null : replies.internalReplyMessage());
        setting.put("externalReplyMessage", replies == null ? null : replies.externalReplyMessage());
        setting.put("scheduledStartDateTime", replies == null ? null : DateTimeJson.of(replies.scheduledStart()));
        setting.put("scheduledEndDateTime", replies == null ? null : DateTimeJson.of(replies.scheduledEnd()));
        json.put("automaticRepliesSetting", setting);
        return json;
    }

    /** The PATCH body: what it names, and nothing else. */
    public static MailboxSettingsUpdate update(JsonBody body) {
        JsonBody replies = body.optionalObject("automaticRepliesSetting");
        if (replies == null) {
            return new MailboxSettingsUpdate(body.optionalString("timeZone"), null, null, null, null, null, null);
        }
        String status = replies.optionalString("status");
        String audience = replies.optionalString("externalAudience");
        return new MailboxSettingsUpdate(body.optionalString("timeZone"),
                status == null ? null : AutomaticReplies.status(status),
                audience == null ? null : AutomaticReplies.audience(audience),
                replies.optionalString("internalReplyMessage", io.graphpresence.limits.InputLimits.MAX_REPLY_MESSAGE),
                replies.optionalString("externalReplyMessage", io.graphpresence.limits.InputLimits.MAX_REPLY_MESSAGE),
                DateTimeJson.parse(replies.optionalObject("scheduledStartDateTime"), "scheduledStartDateTime"),
                DateTimeJson.parse(replies.optionalObject("scheduledEndDateTime"), "scheduledEndDateTime"));
    }
}
