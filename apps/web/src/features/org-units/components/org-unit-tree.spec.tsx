import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeMe, makeSession, mockApi, orgUnits, route, UUID } from '@/test/api-mock';
import { jsonResponse, renderWithProviders } from '@/test/render';
import { buildOrgUnitTree, toOrgUnitOptions } from '../utils/tree';
import { OrgUnitTree } from './org-unit-tree';

const child = {
  id: '00000000-0000-4000-8000-000000000005',
  code: 'THON-NA-PAN',
  name: 'Thôn Nà Pàn',
  kind: 'other' as const,
  parentId: UUID.commune,
  active: true,
  mergedIntoId: null,
  userCount: 1,
};
const units = [...orgUnits, child];

function renderTree(canEdit: boolean) {
  return renderWithProviders(<OrgUnitTree canEdit={canEdit} />, { session: makeSession(makeMe()) });
}

describe('org unit tree helpers', () => {
  it('builds the tree from the flat list and indents picker options by depth', () => {
    const roots = buildOrgUnitTree(units);
    expect(roots.map((node) => node.unit.name)).toEqual(['Tỉnh Lạng Sơn']);
    expect(roots[0]!.children.map((node) => node.unit.name)).toEqual(['Sở Nội vụ', 'Xã Tân Liên']);
    expect(toOrgUnitOptions(units).map((option) => [option.label, option.depth])).toEqual([
      ['Tỉnh Lạng Sơn', 0],
      ['Sở Nội vụ', 1],
      ['Xã Tân Liên', 1],
      ['Thôn Nà Pàn', 2],
    ]);
  });

  it("treats units whose parent is not visible (a manager's subtree) as roots", () => {
    expect(buildOrgUnitTree([orgUnits[2]!, child]).map((node) => node.unit.name)).toEqual(['Xã Tân Liên']);
  });
});

describe('OrgUnitTree', () => {
  it('shows the top levels with user counts and expands a branch', async () => {
    mockApi(route('GET', '/api/org-units', () => jsonResponse({ items: units })));
    const { user } = renderTree(false);

    expect(await screen.findByText('Tỉnh Lạng Sơn')).toBeInTheDocument();
    expect(screen.getByText('XA-TAN-LIEN · Xã, phường · 40 người dùng')).toBeInTheDocument();
    expect(screen.queryByText('Thôn Nà Pàn')).not.toBeInTheDocument();
    // Read-only for managers.
    expect(screen.queryByRole('button', { name: /Thao tác với/ })).not.toBeInTheDocument();

    const expand = screen.getByRole('button', { name: 'Mở rộng Xã Tân Liên' });
    expect(expand).toHaveAttribute('aria-expanded', 'false');
    await user.click(expand);
    expect(screen.getByText('Thôn Nà Pàn')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Thu gọn Xã Tân Liên' })).toHaveAttribute('aria-expanded', 'true');
  });

  it('merges a unit after explaining what happens to its users and history', async () => {
    const api = mockApi(
      route('GET', '/api/org-units', () => jsonResponse({ items: units })),
      route('POST', `/api/org-units/${child.id}/merge`, () => new Response(null, { status: 204 })),
    );
    const { user } = renderTree(true);
    await user.click(await screen.findByRole('button', { name: 'Mở rộng tất cả' }));

    await user.click(screen.getByRole('button', { name: 'Thao tác với Thôn Nà Pàn' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Sáp nhập vào đơn vị khác' }));
    const dialog = await screen.findByRole('dialog', { name: 'Sáp nhập Thôn Nà Pàn' });

    await user.click(within(dialog).getByRole('button', { name: 'Sáp nhập' }));
    expect(await within(dialog).findByText('Hãy chọn một đơn vị.')).toBeInTheDocument();
    expect(api.find('POST', `/api/org-units/${child.id}/merge`)).toHaveLength(0);

    await user.type(within(dialog).getByRole('textbox', { name: 'Sáp nhập vào đơn vị' }), 'tan lien');
    await user.click(await screen.findByRole('option', { name: 'Xã Tân Liên' }));
    expect(within(dialog).getByText('1 người dùng của “Thôn Nà Pàn” sẽ được chuyển sang “Xã Tân Liên”.')).toBeInTheDocument();
    expect(within(dialog).getByText(/lịch sử học tập, báo cáo và nhật ký của đơn vị vẫn được lưu/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Sáp nhập' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(api.find('POST', `/api/org-units/${child.id}/merge`)[0]!.json).toEqual({ targetId: UUID.commune });
    expect(await screen.findByText('Đã sáp nhập Thôn Nà Pàn vào Xã Tân Liên.')).toBeInTheDocument();
    // The list is fetched again.
    expect(api.find('GET', '/api/org-units').length).toBeGreaterThan(1);
  });

  it('adds a child unit with the contract validation', async () => {
    const api = mockApi(
      route('GET', '/api/org-units', () => jsonResponse({ items: units })),
      route('POST', '/api/org-units', (request) => jsonResponse({ ...child, ...(request.json as object), id: 'new-id', userCount: 0, active: true, mergedIntoId: null }, { status: 201 })),
    );
    const { user } = renderTree(true);
    await user.click(await screen.findByRole('button', { name: 'Thao tác với Sở Nội vụ' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Thêm đơn vị trực thuộc' }));
    const dialog = await screen.findByRole('dialog', { name: 'Thêm đơn vị trực thuộc Sở Nội vụ' });

    await user.type(within(dialog).getByRole('textbox', { name: 'Mã đơn vị' }), 'phòng 1');
    await user.type(within(dialog).getByRole('textbox', { name: 'Tên đơn vị' }), 'Phòng Tổ chức');
    await user.click(within(dialog).getByRole('button', { name: 'Thêm đơn vị' }));
    expect(await within(dialog).findByText('Mã đơn vị chỉ gồm chữ không dấu, số, "-" hoặc "_" (tối đa 32 ký tự).')).toBeInTheDocument();

    await user.clear(within(dialog).getByRole('textbox', { name: 'Mã đơn vị' }));
    await user.type(within(dialog).getByRole('textbox', { name: 'Mã đơn vị' }), 'snv-tc');
    await user.click(within(dialog).getByRole('button', { name: 'Thêm đơn vị' }));

    await waitFor(() => expect(api.find('POST', '/api/org-units')).toHaveLength(1));
    expect(api.find('POST', '/api/org-units')[0]!.json).toEqual({ code: 'SNV-TC', name: 'Phòng Tổ chức', kind: 'other', parentId: UUID.department });
  });
});
