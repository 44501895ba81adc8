/** Lambda (Cognito custom message): verification, password-reset and invitation e-mails in Finnish or Swedish (shared/identity/messages.ts). */
import type { CustomMessageTriggerEvent } from 'aws-lambda';
import { cognitoMessage } from '#shared/identity/messages.ts';
import { list } from '#shared/identity/settings.ts';

export const handler = async (event: CustomMessageTriggerEvent): Promise<CustomMessageTriggerEvent> => {
  const message = cognitoMessage(event.triggerSource, event.request.userAttributes.locale, list(process.env.REQUIRED_LANGUAGES)[0] ?? 'fi', {
    code: event.request.codeParameter,
    username: event.request.usernameParameter,
  });
  if (message) {
    event.response.emailSubject = message.subject;
    event.response.emailMessage = message.body;
  }
  return event;
};
