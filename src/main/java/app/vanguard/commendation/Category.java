package app.vanguard.commendation;

/** The commendation categories of the seeds (表彰一批…优秀党员、优秀党务工作者、先进基层党组织). */
public enum Category {
    OUTSTANDING_MEMBER("优秀共产党员", true),
    OUTSTANDING_PARTY_WORKER("优秀党务工作者", true),
    ADVANCED_ORGANISATION("先进基层党组织", false);

    final String label;
    /** A member is nominated (else an organisation). */
    final boolean forMember;

    Category(String label, boolean forMember) {
        this.label = label;
        this.forMember = forMember;
    }

    /**
     * The criteria a round uses when it gives none: from 办字〔2017〕57号 (一、推荐对象和条件), the individual ones for
     * members and Party workers, the unit ones for organisations.
     */
    String defaultCriteria() {
        return forMember ? """
                1. 认真学习习近平总书记系列重要讲话精神，在思想上政治上行动上自觉与党中央保持高度一致，勇于担当作为，积极履行非公党建工作职责。
                2. 熟悉党务工作，有力推动“小个专”不断扩大党的组织和党的工作“两个覆盖”，加强党员教育管理，围绕生产经营发挥党组织和党员队伍作用。
                3. 引导企业合法经营、自觉纳税，在环境保护、安全生产等方面做好监督。
                4. 擅长做群众工作，与“小个专”党员职工打成一片，获得所联系非公企业的广泛支持和信赖。
                5. 积极为企业搜集发展信息，化解矛盾纠纷，维护员工合法权益，获得经营者和员工广泛好评。
                6. 做好非公企业和政府部门间的沟通桥梁工作，形成非公企业听党的话、跟党走的良好氛围。
                （办字〔2017〕57号 一（一））""" : """
                1. 真抓实干，大胆创新，积极主动开展非公党建工作，在推动扩大“两个覆盖”和发挥“两个作用”上有新举措、新方法，效果明显，具有典型示范作用。
                2. 非公党建工作制度健全，责任明确，措施有力，机构、人员、经费保障到位。
                3. 严格实行“一岗双责”，将非公党建工作与其他重点业务工作同部署、同检查、同考核。
                4. 熟悉了解辖区内“小个专”基本情况和党建工作情况，建立非公党建工作直接联系点和示范点。
                5. 积极与属地团委和街道等部门配合，形成较完善的联动工作机制，工作获得当地组织部门的认可。
                （办字〔2017〕57号 一（二））""";
    }
}
