package app.vanguard.coverage;

/** The survey's kinds of non-public economic organisation (非公有制经济组织). */
public enum EnterpriseKind {
    SMALL_MICRO_FIRM("小微企业"),
    SOLE_TRADER("个体工商户"),
    PROFESSIONAL_MARKET("专业市场"),
    BUSINESS_DISTRICT("商业街区"),
    PARK("创业园区");

    final String label;

    EnterpriseKind(String label) {
        this.label = label;
    }
}
