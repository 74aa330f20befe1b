/** A Mailer port that records what the domain asked to send, for tests that watch side effects. */
import type { EmailRequest, Mailer } from '../domain/mailer.port';

export interface RecordingMailer extends Mailer {
  sent: EmailRequest[];
}

export function createRecordingMailer(): RecordingMailer {
  const sent: EmailRequest[] = [];
  return {
    sent,
    async enqueue(request) {
      sent.push(request);
    },
  };
}
