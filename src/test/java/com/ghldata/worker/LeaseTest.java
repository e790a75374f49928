package com.ghldata.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** How long a worker reckons it still holds its job: from the claim, then from each renewal the store confirmed. */
class LeaseTest {
  private final AtomicLong clock = new AtomicLong(1_000);

  @Test
  void runsFromTheClaimsSending() {
    Lease lease = new Lease(30, 1_000, clock::get);
    clock.set(11_000);

    assertThat(lease.leftMs()).isEqualTo(20_000);
    clock.set(31_000);
    assertThat(lease.leftMs()).as("passed").isZero();
  }

  @Test
  void aConfirmedRenewalRunsFromItsSending() {
    Lease lease = new Lease(30, 1_000, clock::get);
    clock.set(25_000);
    lease.renewedAt(20_000);

    assertThat(lease.leftMs()).isEqualTo(25_000);
  }

  @Test
  void aLateAnswerToAnOlderRenewalShortensNothing() {
    Lease lease = new Lease(30, 1_000, clock::get);
    lease.renewedAt(20_000);
    lease.renewedAt(5_000);

    assertThat(lease.leftMs()).isEqualTo(49_000);
  }

  @Test
  void refusesALeaseOfNoTime() {
    assertThatThrownBy(() -> new Lease(0, 0, clock::get)).hasMessageContaining("positive number of seconds");
  }
}
