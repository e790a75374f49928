package com.ghldata.engine;

import com.ghldata.engine.report.ConversionReport;
import com.ghldata.engine.report.Preview;

/** What a finished conversion tells: the quality report and the preview. */
public record ConversionResult(ConversionReport report, Preview preview) {}
