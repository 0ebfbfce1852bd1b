import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import { LOGGER } from '../../common/tokens';
import { APP_CONFIG, AppConfig } from '../../config/config';

export interface Recipient {
  id: string;
  fullName: string;
  email: string | null;
  phone: string | null;
}

export type Channel = 'email' | 'log';

/**
 * Messages to users. Email goes through SMTP when SMTP_URL is set; otherwise (the embedded default,
 * or a user without an email) the message is written to the server log for an operator to relay.
 */
@Injectable()
export class NotificationsService implements OnModuleDestroy {
  private readonly mailer: Transporter | null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.mailer = config.mail.smtpUrl ? createTransport(config.mail.smtpUrl) : null;
  }

  async sendPasswordReset(to: Recipient, link: string, minutesValid: number): Promise<Channel> {
    const subject = 'Đặt lại mật khẩu — Bình dân học vụ số';
    const text = [
      `Xin chào ${to.fullName},`,
      '',
      'Có yêu cầu đặt lại mật khẩu cho tài khoản của bạn trên nền tảng Bình dân học vụ số.',
      `Mở liên kết sau trong ${minutesValid} phút để chọn mật khẩu mới (chỉ dùng được một lần):`,
      link,
      '',
      'Nếu bạn không yêu cầu, hãy bỏ qua thư này; mật khẩu của bạn không thay đổi.',
    ].join('\n');
    return this.deliver(to, subject, text, { kind: 'password_reset', link });
  }

  private async deliver(to: Recipient, subject: string, text: string, logFields: Record<string, unknown>): Promise<Channel> {
    if (this.mailer && to.email) {
      await this.mailer.sendMail({ from: this.config.mail.from, to: to.email, subject, text });
      this.logger.info({ userId: to.id, kind: logFields.kind }, 'notification emailed');
      return 'email';
    }
    // No mail channel: the operator relays it (the embedded default has no SMTP).
    this.logger.warn({ userId: to.id, phone: to.phone, email: to.email, ...logFields }, `notification not sent by email: ${subject}`);
    return 'log';
  }

  onModuleDestroy() {
    this.mailer?.close();
  }
}
