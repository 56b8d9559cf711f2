import type { ScenarioReport } from './run-scenario.ts';

const ARROW: Readonly<Record<string, string>> = { consumes: '→ NPDB', enriches: '→ NPDB (làm giàu)', provides: '← NPDB side' };

/** A plain-text account of a scenario run, one block per exchange (Vietnamese first). */
export function formatScenarioReport(r: ScenarioReport): string {
  const lines = [
    `${r.item} · ${r.title} (${r.system})`,
    `Đối tượng / subject: ${r.subject}`,
    '',
  ];
  r.calls.forEach((c, i) => {
    const status = c.status === 0 ? 'no answer' : `${c.status}${c.code === null ? '' : ` ${c.code}`}`;
    lines.push(`${i + 1}. [${ARROW[c.direction] ?? c.direction}] ${c.caller} → ${c.service}: ${c.method} ${c.path}`);
    lines.push(`   mục đích / purpose: ${c.purpose} · trạng thái / status: ${status} · nhật ký / log index: ${c.logIndex ?? '-'} · request id: ${c.requestId ?? '-'}`);
    lines.push(`   ${c.why}`);
    lines.push(`   kết quả / outcome: ${c.outcome}`);
  });
  if (r.notSent.length > 0) {
    lines.push('Giấy tờ chưa gửi / documents not sent:');
    for (const n of r.notSent) lines.push(`   - ${n.doc_type}: ${n.reason}`);
  }
  lines.push('', r.ok ? 'Kết quả: tất cả trao đổi thành công / all exchanges succeeded' : 'Kết quả: có trao đổi không thành công / some exchanges failed');
  return lines.join('\n');
}
