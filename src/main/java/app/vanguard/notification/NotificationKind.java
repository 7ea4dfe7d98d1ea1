package app.vanguard.notification;

import java.util.Map;

/**
 * What a notification is about, with its Chinese title and body. Templates name parameters in braces
 * ({@code {topic}}); a parameter the caller did not give is left empty.
 */
public enum NotificationKind {
    /** 会议通知 */
    MEETING_SCHEDULED(ObjectType.MEETING, "会议通知", "{topic}将于{startsAt}在{place}召开，请准时参加。"),
    /** 会议变更 */
    MEETING_CHANGED(ObjectType.MEETING, "会议变更", "{topic}已变更：{startsAt}，地点{place}。"),
    /** 会议取消 */
    MEETING_CANCELLED(ObjectType.MEETING, "会议取消", "原定于{startsAt}召开的{topic}已取消。"),
    /** 会议提醒 */
    MEETING_REMINDER(ObjectType.MEETING, "会议提醒", "{topic}将于{startsAt}开始，地点{place}。"),
    /** 会议缺席: the meeting closed with the member recorded absent */
    MEETING_MISSED(ObjectType.MEETING, "会议缺席", "您未参加{heldAt}召开的{topic}，已记为缺席。如有疑问请联系支部书记。"),
    /** 请假已批准 */
    LEAVE_APPROVED(ObjectType.MEETING, "请假已批准", "您在{topic}的请假已批准。"),
    /** 请假未批准 */
    LEAVE_REFUSED(ObjectType.MEETING, "请假未批准", "您在{topic}的请假未获批准，请准时参加。"),
    /** 待审批请假（书记） */
    LEAVE_WAITING(ObjectType.MEETING, "请假待审批", "有党员申请{topic}请假，请及时审批。"),
    /** 亮身份已确认 */
    DECLARATION_VERIFIED(ObjectType.DECLARATION, "亮身份已确认", "您的亮身份申报已由支部确认。"),
    /** 亮身份被退回 */
    DECLARATION_REJECTED(ObjectType.DECLARATION, "亮身份被退回", "您的亮身份申报被退回：{reason}。请修改后重新提交。"),
    /** 待审核亮身份（书记） */
    DECLARATION_WAITING(ObjectType.DECLARATION, "亮身份待审核", "有一份亮身份申报等待您审核。"),
    /** 承诺年度评议: a commitment of a verified declaration without this year's review */
    COMMITMENT_REVIEW_DUE(ObjectType.COMMITMENT, "承诺待评议", "您的承诺“{content}”将进行{year}年度评议，请及时更新进展。"),
    /** 徽章即将到期 */
    BADGE_EXPIRING(ObjectType.BADGE, "标识即将到期", "您的“{title}”将于{until}到期。"),
    /** 计划内会议未安排（书记）: a meeting of the annual plan not yet scheduled near the end of its month */
    PLAN_MEETING_UNSCHEDULED(ObjectType.PLAN, "计划会议未安排", "{month}计划召开的{type}尚未安排，请在{deadline}前组织召开。"),
    /** 今日学习提醒 */
    READING_REMINDER(ObjectType.ARTICLE, "今日学习提醒", "今天的党章学习还没有完成，已连续学习{streak}天，别让连续记录中断。"),
    /** 知识竞赛开始 */
    CONTEST_OPENING(ObjectType.CONTEST, "知识竞赛开始", "{title}已开始（{startsAt}至{endsAt}），欢迎参加。"),
    /** 竞赛成绩公布: to each contestant when the contest is frozen */
    CONTEST_RESULTS(ObjectType.CONTEST, "竞赛成绩公布", "{title}已结束，成绩和排名已公布，点击查看。");

    /** What a notification links to; its link is the object's API path. */
    public enum ObjectType {
        MEETING("/meetings/"), DECLARATION("/me/declarations/"), CONTEST("/contests/"), ARTICLE("/reading/articles/"),
        /** Linked to the member's commitments, badges, or the branch's plan (a link parameter names the page). */
        COMMITMENT("/me/commitments#"), BADGE("/me/badges#"), PLAN("/meeting-plans#");

        private final String pathPrefix;

        ObjectType(String pathPrefix) {
            this.pathPrefix = pathPrefix;
        }

        String link(long id) {
            return pathPrefix + id;
        }
    }

    private final ObjectType objectType;
    private final String title;
    private final String body;

    NotificationKind(ObjectType objectType, String title, String body) {
        this.objectType = objectType;
        this.title = title;
        this.body = body;
    }

    public ObjectType objectType() {
        return objectType;
    }

    String title() {
        return title;
    }

    String body(Map<String, String> params) {
        String text = body;
        int open;
        while ((open = text.indexOf('{')) >= 0) {
            int close = text.indexOf('}', open);
            String name = text.substring(open + 1, close);
            text = text.substring(0, open) + params.getOrDefault(name, "") + text.substring(close + 1);
        }
        return text;
    }
}
