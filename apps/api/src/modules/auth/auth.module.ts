import { NotificationsModule } from '../notifications/notifications.module';
import { AuditModule } from '../audit/audit.module';
import { Module } from '@nestjs/common';
import { UserStoreModule } from '../users/user-store.module';
import { AccountRecoveryController } from './account-recovery.controller';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { OidcController } from './oidc.controller';
import { OidcService } from './oidc.service';

@Module({ imports: [NotificationsModule, AuditModule, UserStoreModule], controllers: [AuthController, OidcController, AccountRecoveryController], providers: [AuthService, OidcService] })
export class AuthModule {}
