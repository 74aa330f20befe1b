/** The enrolment answer: the secret, its otpauth:// text, and that text drawn as a QR code (SVG). */
import type { TwoFactorEnrolment } from '@parley/shared';
import QRCode from 'qrcode';
import type { TwoFactorSecret } from '../domain/two-factor.service';

export async function enrolmentWithQrCode({ secret, otpauthUri }: TwoFactorSecret): Promise<TwoFactorEnrolment> {
  const qrSvg = await QRCode.toString(otpauthUri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { secret, otpauthUri, qrSvg };
}
