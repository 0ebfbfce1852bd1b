import { NotificationsModule } from '../notifications/notifications.module';
import { AuditModule } from '../audit/audit.module';
import { Module } from '@nestjs/common';
import { UserStoreModule } from '../users/user-store.module';
import { AccountRecoveryController } from './account-recovery.controller';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { OidcController, OidcLinkPermitController } from './oidc.controller';
import { OidcService } from './oidc.service';
import { LoginThrottle } from './login-throttle';
import { TrustedDevices } from './trusted-device';

@Module({
  imports: [NotificationsModule, AuditModule, UserStoreModule],
  controllers: [AuthController, OidcController, OidcLinkPermitController, AccountRecoveryController],
  providers: [AuthService, OidcService, LoginThrottle, TrustedDevices],
})
export class AuthModule {}
