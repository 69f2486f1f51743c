// Plain JS (also `npm run lint:openapi`), hence required with its type spelled out.
const { lintOpenApi } = require('../../scripts/openapi/lint-openapi') as {
  lintOpenApi(args: string[]): { status: number | null; stdout: string; stderr: string };
};

interface LintReport {
  totals: { errors: number; warnings: number; ignored: number };
  problems: { ruleId: string; severity: 'error' | 'warn'; message: string; location: { pointer: string }[] }[];
}

describe('openapi.json lint (Redocly, scripts/openapi/redocly.yaml)', () => {
  it('has no errors under the recommended rules', () => {
    const { stdout, stderr } = lintOpenApi(['--format', 'json']);
    let report: LintReport;
    try {
      report = JSON.parse(stdout);
    } catch {
      throw new Error(`redocly lint gave no JSON report:\n${stdout}\n${stderr}`);
    }
    const lines = report.problems.map((p) => `${p.severity} ${p.ruleId} at ${p.location[0]?.pointer}: ${p.message}`);
    if (report.totals.warnings) console.warn(`openapi.json lint warnings (npm run lint:openapi):\n${lines.filter((l) => l.startsWith('warn')).join('\n')}`);
    expect(lines.filter((line) => line.startsWith('error'))).toEqual([]);
  });
});
