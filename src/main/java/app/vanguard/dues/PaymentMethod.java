package app.vanguard.dues;

/** How dues were paid (交纳方式). CALLBACK: confirmed by a payment provider's callback. */
public enum PaymentMethod {
    CASH, WECHAT_PAY, ALIPAY, BANK_TRANSFER, CALLBACK
}
