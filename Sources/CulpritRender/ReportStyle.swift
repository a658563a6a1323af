/// The HTML report's inline style sheet.
///
/// System fonts only (the page loads nothing), sized for a laptop (content
/// about 1200 px wide) and fitting a phone: nothing is wider than the screen
/// (charts scale with their viewBox, tables and long log lines scroll inside
/// their own box), and a print sheet: white background, charts and table rows
/// never split across pages, colours kept for the verdict and markers.
enum ReportStyle {
    static let css = """
    :root{--ink:#111827;--muted:#5b6472;--faint:#9aa3af;--rule:#e3e7ed;--page:#f4f6f9;--card:#fff;\
    --likely:#b42318;--possible:#b54708;--none:#475467;--good:#067647;\
    --mem:#1d4ed8;--err:#c2410c;--lat:#0369a1;--deploy:#6d28d9;--rollback:#067647;--restart:#0f766e;--config:#a16207;--oom:#dc2626;\
    --mono:ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono","Liberation Mono",monospace}
    *{box-sizing:border-box}
    html{-webkit-text-size-adjust:100%}
    body{margin:0;background:var(--page);color:var(--ink);\
    font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans","DejaVu Sans",sans-serif}
    main{max-width:1200px;margin:0 auto;padding:20px 28px 40px}
    .kicker{margin:0 0 6px;color:var(--muted);font-size:13px;letter-spacing:.02em}
    .verdict{background:var(--card);border:1px solid var(--rule);border-left:10px solid var(--none);border-radius:10px;padding:16px 22px 14px}
    .verdict.likely{border-left-color:var(--likely)}
    .verdict.possible{border-left-color:var(--possible)}
    .verdict h1{margin:0;font-size:25px;line-height:1.3;font-weight:650}
    .verdict h1 .what{color:var(--likely)}
    .verdict.possible h1 .what{color:var(--possible)}
    .verdict h1 .score{color:var(--muted);font-weight:500;white-space:nowrap}
    .verdict ul{margin:10px 0 0;padding-left:20px}
    .verdict li{margin:2px 0}
    .verdict p{margin:8px 0 0}
    .facts{margin:12px 0 0;color:var(--muted);font-size:13px;display:flex;flex-wrap:wrap;gap:4px 18px}
    .facts b{color:var(--ink);font-weight:600}
    nav.toc{margin:14px 2px 0;font-size:13px;color:var(--muted)}
    nav.toc a{color:var(--mem);text-decoration:none;margin-right:14px}
    h2{font-size:19px;margin:30px 0 10px;padding-bottom:5px;border-bottom:2px solid var(--rule)}
    h2 small{font-size:13px;color:var(--muted);font-weight:400;margin-left:8px}
    h3{font-size:16px;margin:18px 0 8px}
    .table-box{max-width:100%;overflow-x:auto;margin:0 0 4px}
    table{width:100%;border-collapse:collapse;background:var(--card);font-size:14px;border:1px solid var(--rule)}
    th,td{text-align:left;padding:6px 10px;border-bottom:1px solid var(--rule);vertical-align:top}
    th{font-size:12px;font-weight:600;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);background:#eef1f5}
    td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
    td.time{white-space:nowrap;font-variant-numeric:tabular-nums}
    td.svc,td.kind,th{white-space:nowrap}
    tr.focus td{background:#fef3f2}
    tr.focus td:first-child{box-shadow:inset 4px 0 0 var(--likely)}
    .pill{display:inline-block;white-space:nowrap;overflow-wrap:normal;padding:0 8px;border-radius:999px;font-size:12px;font-weight:600;border:1px solid currentColor;line-height:18px}
    .pill.likely{color:var(--likely)}
    .pill.possible{color:var(--possible)}
    .pill.unlikely{color:var(--faint)}
    .pill.pre{color:var(--none);margin-left:6px}
    .bar{display:inline-block;width:56px;height:6px;background:var(--rule);border-radius:3px;margin-left:8px;vertical-align:middle;overflow:hidden}
    .bar i{display:block;height:100%;background:var(--none)}
    .bar.likely i{background:var(--likely)}
    .bar.possible i{background:var(--possible)}
    .muted{color:var(--muted)}
    code,.ref{font-family:var(--mono);font-size:12.5px}
    .ref{color:var(--muted);white-space:nowrap}
    .why{background:var(--card);border:1px solid var(--rule);border-radius:10px;padding:4px 18px 10px;margin-top:14px}
    .why ol{list-style:none;margin:0;padding:0}
    .why li{padding:8px 0 8px 12px;border-top:1px solid var(--rule);border-left:3px solid transparent}
    .why li:first-child{border-top:0}
    .why li.for{border-left-color:var(--ink)}
    .why li.against{border-left:3px dashed var(--faint)}
    .tag{display:inline-block;white-space:nowrap;padding:0 6px;border-radius:4px;font-size:11px;font-weight:650;\
    line-height:17px;letter-spacing:.03em;text-transform:uppercase;vertical-align:1px}
    .tag.for{background:#e7ebf1;color:var(--ink)}
    .tag.against{background:#fff;color:var(--muted);border:1px dashed var(--faint)}
    pre.lines{margin:6px 0 0;padding:7px 10px;background:#f6f7f9;border:1px solid var(--rule);border-radius:6px;\
    font:12.5px/1.5 var(--mono);white-space:pre-wrap;overflow-wrap:anywhere;max-width:100%;overflow-x:auto}
    pre.lines .ref{color:#475467;font-size:12px}
    td pre.lines{margin:4px 0 0;padding:3px 8px;font-size:12px}
    .service h3{margin:22px 0 6px}
    .chart-card{margin:0 0 12px;background:var(--card);border:1px solid var(--rule);border-radius:10px;padding:10px 12px 4px;break-inside:avoid;page-break-inside:avoid}
    figcaption{display:flex;flex-wrap:wrap;justify-content:space-between;gap:4px 16px;font-size:13px;margin:0 4px 2px}
    .caption{font-weight:600}
    .legend{color:var(--muted);display:flex;flex-wrap:wrap;gap:2px 14px}
    .key::before{content:"";display:inline-block;width:18px;height:0;margin-right:5px;vertical-align:middle;border-top:2px solid var(--faint)}
    .line-mem::before{border-top:3px solid var(--mem)}
    .line-err::before{border-top:3px solid var(--err)}
    .line-lat::before{border-top:3px solid var(--lat)}
    .line-upper::before{border-top:2px dashed var(--lat);opacity:.7}
    .k-deploy::before{border-top:2px solid var(--deploy)}
    .k-rollback::before{border-top:2px dashed var(--rollback)}
    .k-restart::before{border-top:2px dotted var(--restart)}
    .k-config::before{border-top:2px dashed var(--config)}
    .k-other::before{border-top:1px solid #b9b3d6}
    .k-limit::before{border-top:2px dashed var(--oom)}
    .k-oom::before{width:9px;height:9px;border:0;border-radius:50%;background:var(--oom);margin-right:5px}
    svg.chart{display:block;width:100%;height:auto;font-size:11px;overflow:visible}
    svg.chart text{fill:var(--muted)}
    .grid line{stroke:#e8ebf0;stroke-width:1}
    .grid .ytick{text-anchor:end;font-variant-numeric:tabular-nums}
    .xaxis line{stroke:#98a2b3;stroke-width:1}
    .xaxis text{font-variant-numeric:tabular-nums}
    svg.chart .xaxis .date{font-weight:600;fill:var(--ink)}
    svg.chart .xaxis .zone{text-anchor:end;fill:var(--faint)}
    path.line{fill:none;stroke-width:2;stroke-linejoin:round;stroke-linecap:round}
    path.area{stroke:none;opacity:.1}
    .line.mem{stroke:var(--mem)} .area.mem,.dot.mem{fill:var(--mem)}
    .line.err{stroke:var(--err)} .area.err,.dot.err{fill:var(--err)}
    path.area.err{opacity:.12}
    .line.lat{stroke:var(--lat)} .area.lat,.dot.lat{fill:var(--lat)}
    path.line.upper{stroke-width:1.2;stroke-dasharray:4 3;opacity:.7} .dot.upper{opacity:.7}
    .limit line{stroke:var(--oom);stroke-width:1.2;stroke-dasharray:6 4;opacity:.7}
    svg.chart .limit text{fill:var(--oom);text-anchor:end;font-weight:600}
    circle.event{fill:var(--oom);stroke:#fff;stroke-width:1.5}
    .marker line{stroke-width:1.5}
    svg.chart text.mlabel{font-weight:500;paint-order:stroke;stroke:#fff;stroke-width:4px;stroke-linejoin:round}
    .m-deploy line{stroke:var(--deploy)} svg.chart .mlabel.m-deploy{fill:var(--deploy)}
    .m-rollback line{stroke:var(--rollback);stroke-dasharray:7 4} svg.chart .mlabel.m-rollback{fill:var(--rollback)}
    .m-restart line{stroke:var(--restart);stroke-dasharray:2 3} svg.chart .mlabel.m-restart{fill:var(--restart)}
    .m-config line{stroke:var(--config);stroke-dasharray:5 3 1 3} svg.chart .mlabel.m-config{fill:var(--config)}
    .m-other line{stroke:#b9b3d6;stroke-width:1} svg.chart .mlabel.m-other{fill:#8f88b5;font-weight:400}
    .marker.focus line{stroke-width:2.5} svg.chart .mlabel.focus{font-weight:700}
    .marker.m-other.focus line{stroke:var(--deploy);stroke-width:1.5;opacity:.75} svg.chart .mlabel.m-other.focus{fill:var(--deploy);font-weight:600}
    .empty{color:var(--muted);font-style:italic}
    td{overflow-wrap:anywhere}
    @media (max-width:640px){
    body{font-size:14px}
    main{padding:12px 10px 28px}
    .verdict{padding:12px 14px 10px;border-left-width:6px}
    .verdict h1{font-size:20px}
    .verdict h1 .score{white-space:normal}
    h2{font-size:17px}
    h2 small{display:block;margin:2px 0 0}
    .why{padding:4px 10px 8px}
    .chart-card{padding:8px 6px 2px}
    pre.lines .ref{white-space:pre-wrap}
    th,td{padding:5px 7px}
    table.stack,table.stack tbody,table.stack tr,table.stack td{display:block;width:auto}
    table.stack thead{display:none}
    table.stack tr{padding:6px 9px;border-bottom:1px solid var(--rule)}
    table.stack td{padding:1px 0;border:0}
    table.stack td.time,table.stack td.svc,table.stack td.kind{display:inline-block;margin-right:8px}
    table.stack td.svc{font-weight:600}
    table.anomalies td.time+td.time::before{content:"until ";color:var(--muted)}
    table.messages td:nth-child(n+3){display:inline-block;margin-right:8px;color:var(--muted)}
    table.messages td:nth-child(3)::before{content:"× "}
    table.messages td:nth-child(4)::before{content:"first "}
    table.stack tr.focus td:first-child{box-shadow:none}
    table.stack tr.focus{box-shadow:inset 4px 0 0 var(--likely);background:#fef3f2}
    }
    footer{margin-top:34px;color:var(--faint);font-size:12px}
    @media print{
    @page{margin:12mm}
    body{background:#fff;font-size:11pt;-webkit-print-color-adjust:exact;print-color-adjust:exact}
    main{max-width:none;padding:0}
    nav.toc{display:none}
    .verdict,.why,.chart-card,table{border-color:#cfd4dc}
    .chart-card,.why li,tr,pre.lines{break-inside:avoid;page-break-inside:avoid}
    h2,h3{break-after:avoid;page-break-after:avoid}
    thead{display:table-header-group}
    }
    """
}
