package com.ghldata.conversion;

/** What a finished conversion tells: the quality report and the preview. */
public record ConversionResult(ConversionReport report, Preview preview) {}
