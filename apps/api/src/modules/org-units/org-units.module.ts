import { AuditModule } from '../audit/audit.module';
import { Module } from '@nestjs/common';
import { OrgUnitsController } from './org-units.controller';
import { OrgUnitsService } from './org-units.service';

/** The province's organisation tree: listing, create, rename, move, merge. */
@Module({ imports: [AuditModule], controllers: [OrgUnitsController], providers: [OrgUnitsService], exports: [OrgUnitsService] })
export class OrgUnitsModule {}
