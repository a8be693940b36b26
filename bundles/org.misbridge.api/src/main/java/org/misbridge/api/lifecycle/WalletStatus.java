package org.misbridge.api.lifecycle;

/** Where a wallet is in its life: open, closed (never to reopen, the balance owed shown), settled (refunded, zero). */
public enum WalletStatus {
    OPEN, CLOSED, SETTLED
}
