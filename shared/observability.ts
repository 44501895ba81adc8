/** Powertools logger shared by every function: structured JSON with correlation ids. */
import { Logger } from '@aws-lambda-powertools/logger';

export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'kuntavaikutus' });
