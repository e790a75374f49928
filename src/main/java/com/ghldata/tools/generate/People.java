package com.ghldata.tools.generate;

/** Who the generated contacts are. */
public enum People {
  /** Mostly Brazilian people and phones, a tenth foreign (US, PT, AR): the product's usual upload. */
  BRAZIL,
  /** Americans only: +1 phones in every way people write them, US cities and states. */
  US
}
