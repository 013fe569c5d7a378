import type { Output } from '../../shop/api/contract';

export type CountListItem = Output<'counts.list'>[number];
export type CountDetail = Output<'counts.get'>;
export type CountLine = CountDetail['lines'][number];
export type RecentEntry = CountDetail['recent'][number];
export type PostResult = Output<'counts.post'>;
export type AddResult = Output<'counts.add'>;
