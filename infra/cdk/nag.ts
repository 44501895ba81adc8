/**
 * cdk-nag's AwsSolutions pack, with every finding failing the synth. CDK lets a report
 * pass with only warnings left once any of its findings was acknowledged in CDK's own
 * format (`AwsSolutions::AwsSolutions-…`, as the CLI suggests), so a warning such as
 * COG2 could slip through unacknowledged. Here nothing unacknowledged does.
 */
import type { IPolicyValidationContext, PolicyValidationPluginReport } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';

export class AwsSolutionsEnforced extends AwsSolutionsChecks {
  override validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const report = super.validate(context);
    return { ...report, violations: report.violations.map((v) => ({ ...v, severity: 'error' })) };
  }
}
